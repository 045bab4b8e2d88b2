using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>
/// The writer's connection as the stores shared with PostgreSQL see it: each SQL text they run through Dapper is compiled
/// by SQLite once and kept, and later runs only bind the new values. (Microsoft.Data.Sqlite keeps a compiled statement
/// only on the command that made it, and Dapper makes a new command per call, so every write compiled its SQL again.)
/// A statement that changes rows, run with plain values, runs through SQLite's own interface (<see cref="CompiledWrite"/>);
/// the others through a kept <see cref="SqliteCommand"/>. The commands and parameters Dapper fills in are reused too.
/// At most <see cref="MaxStatements"/> texts are kept; others run as before. Used by one thread at a time: the writer's,
/// or one reader's at a time, which borrows it from <see cref="SqliteReadConnections"/> and gives it back by closing it.
/// </summary>
internal sealed class PreparedStatementConnection : DbConnection
{
    /// <summary>Distinct SQL texts kept compiled; the writer's hot statements are a few dozen.</summary>
    public const int MaxStatements = 128;

    private readonly SqliteConnection _inner;
    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);

    /// <summary>The statements that change rows, compiled for <see cref="CompiledWrite"/>; null for a text that never goes that way.</summary>
    private readonly Dictionary<string, CompiledWrite?> _writes = new(StringComparer.Ordinal);

    /// <summary>Commands Dapper disposed, and parameters they held, for the next calls (Dapper makes new ones on every call).</summary>
    private readonly Stack<Command> _freeCommands = new();
    private readonly Stack<SqliteParameter> _freeParameters = new();

    /// <summary>Where a borrowed connection goes back when its reader closes it; null for the writer's, which closes it.</summary>
    private readonly Action<PreparedStatementConnection>? _giveBack;

    public PreparedStatementConnection(SqliteConnection inner, Action<PreparedStatementConnection>? giveBack = null)
    {
        _inner = inner;
        _giveBack = giveBack;
        // The compiled writes are SQLite's statements, which Microsoft.Data.Sqlite does not know of: they go before the file is closed.
        inner.StateChange += (_, change) =>
        {
            if (change.CurrentState == ConnectionState.Closed)
            {
                ForgetWrites();
            }
        };
    }

    public SqliteConnection Inner => _inner;

    [AllowNull]
    public override string ConnectionString
    {
        get => _inner.ConnectionString;
        set => throw new NotSupportedException("The writer's connection is opened by the writer.");
    }

    public override string Database => _inner.Database;

    public override string DataSource => _inner.DataSource;

    public override string ServerVersion => _inner.ServerVersion;

    public override ConnectionState State => _inner.State;

    public override void ChangeDatabase(string databaseName) => _inner.ChangeDatabase(databaseName);

    public override void Open() => _inner.Open();

    /// <summary>Closes the file, or gives a borrowed connection back (once, however often its reader closes or disposes it).</summary>
    public override void Close()
    {
        if (_giveBack is null)
        {
            _inner.Close();
        }
        else if (Interlocked.Exchange(ref _lent, 0) == 1)
        {
            _giveBack(this);
        }
    }

    /// <summary>1 while a reader holds this connection (<see cref="SqliteReadConnections"/>).</summary>
    private int _lent;

    internal void Lend() => Volatile.Write(ref _lent, 1);

    /// <summary>
    /// Whether it can be lent again: open, and no transaction left open on it (by a reader that began one and left it).
    /// </summary>
    internal bool Reusable => _inner.State == ConnectionState.Open && _inner.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0;

    /// <summary>Finalizes the kept statements and closes the file, for good (also a borrowed connection's).</summary>
    internal void CloseFile()
    {
        ForgetStatements();
        _inner.Dispose();
    }

    /// <summary>A borrowed connection goes back; the writer's stays as it is (the writer closes its file).</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && _giveBack is not null)
        {
            Close();
        }

        base.Dispose(disposing);
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => _inner.BeginTransaction(isolationLevel);

    protected override DbCommand CreateDbCommand()
    {
        var command = _freeCommands.TryPop(out var free) ? free : new Command(this);
        command.Returned = false;
        return command;
    }

    /// <summary>Drops the compiled statements (the writer's connection broke and another replaces it); the connection is the writer's to close.</summary>
    public void ForgetStatements()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        ForgetWrites();
    }

    private void ForgetWrites()
    {
        foreach (var write in _writes.Values)
        {
            write?.Dispose();
        }

        _writes.Clear();
    }

    /// <summary>
    /// Runs <paramref name="staged"/> as a <see cref="CompiledWrite"/> when it is one statement that changes rows and its values
    /// are plain; false, with nothing run, when it goes the usual way.
    /// </summary>
    private bool TryRunCompiled(Command staged, out int changes)
    {
        changes = 0;
        var values = staged.Staging.Parameters;
        if (_inner.Handle is not { } database || !CompiledWrite.CanBind(values))
        {
            return false;
        }

        if (!_writes.TryGetValue(staged.CommandText, out var write))
        {
            if (_writes.Count >= MaxStatements)
            {
                return false;
            }

            write = CompiledWrite.TryCompile(database, staged.CommandText, out var never);
            if (write is not null || never)
            {
                _writes.Add(staged.CommandText, write);
            }
        }

        return write is not null && write.TryRun(values, out changes);
    }

    /// <summary>A parameter for Dapper to fill in, one a disposed command gave back if there is one.</summary>
    private SqliteParameter RentParameter() => _freeParameters.TryPop(out var parameter) ? parameter : new SqliteParameter();

    /// <summary>Takes back a command Dapper disposed, and the parameters it made (Dapper may have taken them out of it), as new.</summary>
    private void Return(Command command)
    {
        if (command.Returned)
        {
            return; // disposed twice: it is in the pool once
        }

        command.Returned = true;
        foreach (var parameter in command.Rented)
        {
            parameter.ResetDbType();
            parameter.ResetSqliteType();
            parameter.ParameterName = "";
            parameter.Value = null;
            parameter.Size = 0;
            parameter.Direction = ParameterDirection.Input;
            parameter.IsNullable = false;
            parameter.SourceColumn = "";
            parameter.SourceColumnNullMapping = false;
            _freeParameters.Push(parameter);
        }

        command.Rented.Clear();
        command.Staging.Parameters.Clear();
        command.Reset();
        _freeCommands.Push(command);
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
            command = _inner.CreateCommand();
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

    internal static string Prefixed(string name) => name.Length > 0 && name[0] is '@' or '$' or ':' ? name : "@" + name;

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

        /// <summary>Whether the command is back with the connection (disposed), not in anyone's hands.</summary>
        public bool Returned { get; set; }

        /// <summary>The parameters made for this command, to give back with it.</summary>
        public List<SqliteParameter> Rented { get; } = [];

        protected override DbParameter CreateDbParameter()
        {
            var parameter = connection.RentParameter();
            Rented.Add(parameter);
            return parameter;
        }

        public override int ExecuteNonQuery() => connection.TryRunCompiled(this, out var changes) ? changes : Run(command => command.ExecuteNonQuery());

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

        /// <summary>As new: no text, no transaction, the default timeout.</summary>
        public void Reset()
        {
            CommandText = "";
            CommandTimeout = 30;
            DbTransaction = null;
        }

        /// <summary>Dapper disposes each command it made: it goes back to the connection for the next call.</summary>
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                connection.Return(this);
            }
        }
    }
}
