using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>
/// The writer's connection as the stores shared with PostgreSQL see it: each SQL text they run through Dapper is compiled
/// by SQLite once and kept, and later runs only bind the new values. (Microsoft.Data.Sqlite keeps a compiled statement
/// only on the command that made it, and Dapper makes a new command per call, so every write compiled its SQL again.)
/// At most <see cref="MaxStatements"/> texts are kept; others run as before. Used by one thread at a time: the writer's.
/// </summary>
internal sealed class PreparedStatementConnection(SqliteConnection inner) : DbConnection
{
    /// <summary>Distinct SQL texts kept compiled; the writer's hot statements are a few dozen.</summary>
    public const int MaxStatements = 128;

    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);

    public SqliteConnection Inner => inner;

    [AllowNull]
    public override string ConnectionString
    {
        get => inner.ConnectionString;
        set => throw new NotSupportedException("The writer's connection is opened by the writer.");
    }

    public override string Database => inner.Database;

    public override string DataSource => inner.DataSource;

    public override string ServerVersion => inner.ServerVersion;

    public override ConnectionState State => inner.State;

    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);

    public override void Open() => inner.Open();

    public override void Close() => inner.Close();

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => inner.BeginTransaction(isolationLevel);

    protected override DbCommand CreateDbCommand() => new Command(this);

    /// <summary>Drops the compiled statements (the writer's connection broke and another replaces it); the connection is the writer's to close.</summary>
    public void ForgetStatements()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
    }

    /// <summary>
    /// The compiled command for <paramref name="staged"/>'s text with its values bound, or a one-off command when the
    /// cache is full. Parameter names get SQLite's <c>@</c> (Dapper leaves it off), so each binds at the first look-up.
    /// </summary>
    private SqliteCommand Bind(Command staged, out bool oneOff)
    {
        var text = staged.CommandText;
        oneOff = !_statements.TryGetValue(text, out var command) && _statements.Count >= MaxStatements;
        if (command is null)
        {
            command = inner.CreateCommand();
            command.CommandText = text;
            if (!oneOff)
            {
                _statements.Add(text, command);
            }
        }

        var values = staged.Staging.Parameters;
        var bound = command.Parameters;
        if (!SameNames(values, bound))
        {
            bound.Clear();
            foreach (SqliteParameter value in values)
            {
                bound.Add(new SqliteParameter(Prefixed(value.ParameterName), value.Value));
            }
        }

        for (var i = 0; i < values.Count; i++)
        {
            var (value, target) = (values[i], bound[i]);
            target.DbType = value.DbType;
            target.Value = value.Value ?? DBNull.Value;
        }

        command.Transaction = (SqliteTransaction?)staged.Transaction;
        command.CommandTimeout = staged.CommandTimeout;
        return command;
    }

    private static bool SameNames(SqliteParameterCollection values, SqliteParameterCollection bound)
    {
        if (values.Count != bound.Count)
        {
            return false;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var (name, target) = (values[i].ParameterName, bound[i].ParameterName);
            if (!(target.Length == name.Length + 1 && target.EndsWith(name, StringComparison.Ordinal)) && target != name)
            {
                return false;
            }
        }

        return true;
    }

    private static string Prefixed(string name) => name.Length > 0 && name[0] is '@' or '$' or ':' ? name : "@" + name;

    /// <summary>What Dapper fills in; run through the connection's compiled statement for its text.</summary>
    private sealed class Command(PreparedStatementConnection connection) : DbCommand
    {
        public SqliteCommand Staging { get; } = new();

        [AllowNull]
        public override string CommandText { get; set; } = "";

        public override int CommandTimeout { get; set; } = 30;

        public override CommandType CommandType
        {
            get => CommandType.Text;
            set
            {
                if (value != CommandType.Text)
                {
                    throw new NotSupportedException("SQLite runs SQL text only.");
                }
            }
        }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        public override bool DesignTimeVisible { get; set; }

        protected override DbConnection? DbConnection
        {
            get => connection;
            set => throw new NotSupportedException("A command of the writer's connection stays on it.");
        }

        protected override DbParameterCollection DbParameterCollection => Staging.Parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
        }

        public override void Prepare()
        {
        }

        protected override DbParameter CreateDbParameter() => Staging.CreateParameter();

        public override int ExecuteNonQuery() => Run(command => command.ExecuteNonQuery());

        public override object? ExecuteScalar() => Run(command => command.ExecuteScalar());

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            // A one-off command (the cache is full) is left to the connection, which finalizes its statements when it closes.
            return connection.Bind(this, out _).ExecuteReader(behavior);
        }

        private T Run<T>(Func<SqliteCommand, T> execute)
        {
            var command = connection.Bind(this, out var oneOff);
            try
            {
                return execute(command);
            }
            finally
            {
                if (oneOff)
                {
                    command.Dispose();
                }
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Staging.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
