using System.Data.Common;
using Dapper;
using Inbox.Domain.Operators;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Storage;

/// <summary>Failed logins in <c>login_failures</c>; times as UTC ticks, so that windows and lockouts compare in SQL. The same SQL on SQLite and PostgreSQL.</summary>
public abstract class SqlLoginLockoutStore(StoreConnections store) : ILoginLockoutStore
{
    private const string Columns = "key, failures, window_start_ticks, locked_until_ticks";

    public async Task<LoginLockout?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await StoreReader.QueryAsync(connection, $"SELECT {Columns} FROM login_failures WHERE key = @key", new { key }, Read, cancellationToken)
            .ConfigureAwait(false)).FirstOrDefault();
    }

    public Task<LoginLockout> RecordFailureAsync(string key, DateTimeOffset now, DateTimeOffset windowStart, int maxFailures, DateTimeOffset lockUntil,
        CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) =>
        {
            var parameters = new { key, now = now.UtcTicks, windowStart = windowStart.UtcTicks, max = maxFailures, lockUntil = lockUntil.UtcTicks };
            connection.Execute("""
                INSERT INTO login_failures (key, failures, window_start_ticks, locked_until_ticks) VALUES (@key, 1, @now, NULL)
                ON CONFLICT (key) DO UPDATE SET
                    failures = CASE WHEN login_failures.window_start_ticks < @windowStart THEN 1 ELSE login_failures.failures + 1 END,
                    window_start_ticks = CASE WHEN login_failures.window_start_ticks < @windowStart THEN @now ELSE login_failures.window_start_ticks END
                """, parameters, transaction);
            connection.Execute("""
                UPDATE login_failures SET locked_until_ticks = @lockUntil
                WHERE key = @key AND failures >= @max AND (locked_until_ticks IS NULL OR locked_until_ticks < @now)
                """, parameters, transaction);
            return StoreReader.Query(connection, transaction, $"SELECT {Columns} FROM login_failures WHERE key = @key", new { key }, Read).Single();
        }, cancellationToken);

    public Task<bool> ClearAsync(string key, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) =>
            connection.Execute("DELETE FROM login_failures WHERE key = @key", new { key }, transaction) == 1, cancellationToken);

    public async Task<IReadOnlyList<LoginLockout>> ListLockedAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await StoreReader.QueryAsync(connection,
            $"SELECT {Columns} FROM login_failures WHERE locked_until_ticks > @now ORDER BY key", new { now = now.UtcTicks }, Read, cancellationToken)
            .ConfigureAwait(false);
    }

    public Task<int> PurgeAsync(DateTimeOffset windowStart, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) => connection.Execute(
            "DELETE FROM login_failures WHERE window_start_ticks < @start AND (locked_until_ticks IS NULL OR locked_until_ticks < @now)",
            new { start = windowStart.UtcTicks, now = now.UtcTicks }, transaction), cancellationToken);

    private static LoginLockout Read(DbDataReader r) => new(
        r.GetString(0), r.GetInt32(1), new DateTimeOffset(r.GetInt64(2), TimeSpan.Zero),
        r.IsDBNull(3) ? null : new DateTimeOffset(r.GetInt64(3), TimeSpan.Zero));
}
