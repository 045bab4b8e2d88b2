using System.Data.Common;
using Dapper;
using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using static Inbox.Silo.Storage.StoreReader;

namespace Inbox.Silo.Storage;

/// <summary>
/// Operator accounts in <c>operators</c>; whether one is disabled or a demo account in <c>operator_state</c> (a row only when either
/// is set); the capacity an admin set in <c>operator_capacity</c> (a row only once set). The same SQL on SQLite and PostgreSQL; a login is unique and found whatever its letters' case.
/// </summary>
public abstract class SqlOperatorStore(StoreConnections store) : IOperatorStore
{
    private const string Columns = "operator_id, login, display_name, role, password_hash, created_at, extension";

    private const string Select = """
        SELECT o.operator_id, o.login, o.display_name, o.role, o.password_hash, o.created_at, o.extension, s.disabled, s.demo, k.capacity
        FROM operators o LEFT JOIN operator_state s ON s.operator_id = o.operator_id LEFT JOIN operator_capacity k ON k.operator_id = o.operator_id
        """;

    private StoreValues Values => store.Values;

    public async Task<OperatorAccount?> FindByLoginAsync(string login, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"{Select} WHERE lower(o.login) = lower(@login)", new { login }, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async Task<OperatorAccount?> GetAsync(Guid operatorId, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"{Select} WHERE o.operator_id = @id", new { id = Values.Id(operatorId) }, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<OperatorAccount>> ListAsync(CancellationToken cancellationToken = default) =>
        await QueryAsync($"{Select} ORDER BY lower(o.login), o.login", null, cancellationToken).ConfigureAwait(false);

    public Task<bool> TryAddAsync(OperatorAccount account, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) =>
        {
            var added = connection.Execute($"""
                INSERT INTO operators ({Columns}) VALUES (@id, @login, @name, @role, @hash, @created, @extension) ON CONFLICT DO NOTHING
                """,
                new
                {
                    id = Values.Id(account.OperatorId),
                    login = account.Login,
                    name = account.DisplayName,
                    role = (int)account.Role,
                    hash = account.PasswordHash,
                    created = Values.Time(account.CreatedAt),
                    extension = account.Extension,
                }, transaction) == 1;
            if (added && (account.Disabled || account.Demo))
            {
                connection.Execute("INSERT INTO operator_state (operator_id, disabled, demo) VALUES (@id, @disabled, @demo)",
                    new { id = Values.Id(account.OperatorId), disabled = Values.Flag(account.Disabled), demo = Values.Flag(account.Demo) }, transaction);
            }

            return added;
        }, cancellationToken);

    public Task<bool> SetDisabledAsync(Guid operatorId, bool disabled, CancellationToken cancellationToken = default) =>
        UpsertOfOperatorAsync(operatorId, """
            INSERT INTO operator_state (operator_id, disabled, demo) VALUES (@id, @disabled, @no)
            ON CONFLICT (operator_id) DO UPDATE SET disabled = excluded.disabled
            """, id => new { id, disabled = Values.Flag(disabled), no = Values.Flag(false) }, cancellationToken);

    public Task<bool> SetCapacityAsync(Guid operatorId, int capacity, CancellationToken cancellationToken = default) =>
        UpsertOfOperatorAsync(operatorId, """
            INSERT INTO operator_capacity (operator_id, capacity) VALUES (@id, @capacity)
            ON CONFLICT (operator_id) DO UPDATE SET capacity = excluded.capacity
            """, id => new { id, capacity }, cancellationToken);

    /// <summary>Runs <paramref name="upsert"/> on a row of the operator's in one write; false (and nothing written) when there is no such operator.</summary>
    private Task<bool> UpsertOfOperatorAsync(Guid operatorId, string upsert, Func<object?, object> parameters, CancellationToken cancellationToken) =>
        store.Writer.WriteAsync((connection, transaction) =>
        {
            var id = Values.Id(operatorId);
            if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM operators WHERE operator_id = @id", new { id }, transaction) == 0)
            {
                return false;
            }

            connection.Execute(upsert, parameters(id), transaction);
            return true;
        }, cancellationToken);

    public Task MarkDemoAsync(Guid operatorId, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) => connection.Execute("""
            INSERT INTO operator_state (operator_id, disabled, demo) VALUES (@id, @no, @yes) ON CONFLICT (operator_id) DO UPDATE SET demo = @yes
            """, new { id = Values.Id(operatorId), yes = Values.Flag(true), no = Values.Flag(false) }, transaction), cancellationToken);

    public async Task<bool> HasHistoryAsync(Guid operatorId, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var found = await connection.ExecuteScalarAsync<object>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM messages WHERE operator_id = @id) OR EXISTS (SELECT 1 FROM conversations WHERE assignee_id = @id)
            """, new { id = Values.Id(operatorId) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return Convert.ToBoolean(found, System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task<bool> DeleteAsync(Guid operatorId, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) =>
        {
            var id = Values.Id(operatorId);
            connection.Execute("DELETE FROM operator_state WHERE operator_id = @id", new { id }, transaction);
            connection.Execute("DELETE FROM operator_capacity WHERE operator_id = @id", new { id }, transaction);
            return connection.Execute("DELETE FROM operators WHERE operator_id = @id", new { id }, transaction) == 1;
        }, cancellationToken);

    private async Task<List<OperatorAccount>> QueryAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await StoreReader.QueryAsync(connection, sql, parameters, Read, cancellationToken).ConfigureAwait(false);
    }

    private static OperatorAccount Read(DbDataReader r) => new(
        ReadGuid(r, 0), r.GetString(1), r.GetString(2), (OperatorRole)r.GetInt32(3), r.GetString(4), ReadTime(r, 5),
        ReadNullableString(r, 6), !r.IsDBNull(7) && ReadFlag(r, 7), !r.IsDBNull(8) && ReadFlag(r, 8),
        r.IsDBNull(9) ? null : Convert.ToInt32(r.GetValue(9), System.Globalization.CultureInfo.InvariantCulture));
}
