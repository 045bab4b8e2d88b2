using System.Data.Common;
using Dapper;
using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using Microsoft.Data.Sqlite;
using static Inbox.Silo.Storage.Sqlite.SqliteRows;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>Operator accounts in <c>operators</c>; whether one is disabled or a demo account in <c>operator_state</c> (a row only when either is set).</summary>
public sealed class SqliteOperatorStore(SqliteDatabase database, SqliteWriteQueue writer) : IOperatorStore
{
    private const string Columns = "operator_id, login, display_name, role, password_hash, created_at, extension";

    private const string Select = """
        SELECT o.operator_id, o.login, o.display_name, o.role, o.password_hash, o.created_at, o.extension,
               COALESCE(s.disabled, 0), COALESCE(s.demo, 0)
        FROM operators o LEFT JOIN operator_state s ON s.operator_id = o.operator_id
        """;

    public Task<OperatorAccount?> FindByLoginAsync(string login, CancellationToken cancellationToken = default) =>
        Task.FromResult(Query($"{Select} WHERE o.login = @login", new { login }).FirstOrDefault());

    public Task<OperatorAccount?> GetAsync(Guid operatorId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Query($"{Select} WHERE o.operator_id = @id", new { id = Id(operatorId) }).FirstOrDefault());

    public Task<IReadOnlyList<OperatorAccount>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OperatorAccount>>(Query($"{Select} ORDER BY o.login", null));

    public Task<bool> TryAddAsync(OperatorAccount account, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) =>
        {
            var added = connection.Execute($"""
                INSERT INTO operators ({Columns}) VALUES (@id, @login, @name, @role, @hash, @created, @extension) ON CONFLICT (login) DO NOTHING
                """,
                new
                {
                    id = Id(account.OperatorId),
                    login = account.Login,
                    name = account.DisplayName,
                    role = (int)account.Role,
                    hash = account.PasswordHash,
                    created = Time(account.CreatedAt),
                    extension = account.Extension,
                }, transaction) == 1;
            if (added && (account.Disabled || account.Demo))
            {
                connection.Execute("INSERT INTO operator_state (operator_id, disabled, demo) VALUES (@id, @disabled, @demo)",
                    new { id = Id(account.OperatorId), disabled = account.Disabled ? 1 : 0, demo = account.Demo ? 1 : 0 }, transaction);
            }

            return added;
        }, cancellationToken);

    public Task<bool> SetDisabledAsync(Guid operatorId, bool disabled, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) =>
        {
            var id = Id(operatorId);
            if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM operators WHERE operator_id = @id", new { id }, transaction) == 0)
            {
                return false;
            }

            connection.Execute("""
                INSERT INTO operator_state (operator_id, disabled) VALUES (@id, @disabled)
                ON CONFLICT (operator_id) DO UPDATE SET disabled = excluded.disabled
                """, new { id, disabled = disabled ? 1 : 0 }, transaction);
            return true;
        }, cancellationToken);

    public Task MarkDemoAsync(Guid operatorId, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => connection.Execute("""
            INSERT INTO operator_state (operator_id, demo) VALUES (@id, 1) ON CONFLICT (operator_id) DO UPDATE SET demo = 1
            """, new { id = Id(operatorId) }, transaction), cancellationToken);

    public Task<bool> HasHistoryAsync(Guid operatorId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        return Task.FromResult(connection.ExecuteScalar<long>("""
            SELECT EXISTS (SELECT 1 FROM messages WHERE operator_id = @id) OR EXISTS (SELECT 1 FROM conversations WHERE assignee_id = @id)
            """, new { id = Id(operatorId) }) == 1);
    }

    public Task<bool> DeleteAsync(Guid operatorId, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) =>
        {
            var id = Id(operatorId);
            connection.Execute("DELETE FROM operator_state WHERE operator_id = @id", new { id }, transaction);
            return connection.Execute("DELETE FROM operators WHERE operator_id = @id", new { id }, transaction) == 1;
        }, cancellationToken);

    private List<OperatorAccount> Query(string sql, object? parameters)
    {
        using var connection = database.Open();
        return SqliteReader.Query(connection, null, sql, parameters, Read);
    }

    private static OperatorAccount Read(DbDataReader r) => new(
        Guid.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), (OperatorRole)r.GetInt32(3), r.GetString(4), ParseTime(r.GetString(5)),
        r.IsDBNull(6) ? null : r.GetString(6), r.GetInt64(7) == 1, r.GetInt64(8) == 1);
}
