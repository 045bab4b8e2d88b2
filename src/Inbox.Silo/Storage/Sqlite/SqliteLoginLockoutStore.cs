using System.Data.Common;
using Dapper;
using Inbox.Domain.Operators;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>Failed logins in <c>login_failures</c>; times as UTC ticks, so that windows and lockouts compare in SQL.</summary>
public sealed class SqliteLoginLockoutStore(SqliteDatabase database, SqliteWriteQueue writer) : ILoginLockoutStore
{
    private const string Columns = "key, failures, window_start_ticks, locked_until_ticks";

    public Task<LoginLockout?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        return Task.FromResult(SqliteReader.Query(connection, null, $"SELECT {Columns} FROM login_failures WHERE key = @key", new { key }, Read).FirstOrDefault());
    }

    public Task<LoginLockout> RecordFailureAsync(string key, DateTimeOffset now, DateTimeOffset windowStart, int maxFailures, DateTimeOffset lockUntil,
        CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) =>
        {
            var parameters = new { key, now = now.UtcTicks, windowStart = windowStart.UtcTicks, max = maxFailures, lockUntil = lockUntil.UtcTicks };
            connection.Execute("""
                INSERT INTO login_failures (key, failures, window_start_ticks, locked_until_ticks) VALUES (@key, 1, @now, NULL)
                ON CONFLICT (key) DO UPDATE SET
                    failures = CASE WHEN window_start_ticks < @windowStart THEN 1 ELSE failures + 1 END,
                    window_start_ticks = CASE WHEN window_start_ticks < @windowStart THEN @now ELSE window_start_ticks END
                """, parameters, transaction);
            connection.Execute("""
                UPDATE login_failures SET locked_until_ticks = @lockUntil
                WHERE key = @key AND failures >= @max AND (locked_until_ticks IS NULL OR locked_until_ticks < @now)
                """, parameters, transaction);
            return SqliteReader.Query(connection, transaction, $"SELECT {Columns} FROM login_failures WHERE key = @key", new { key }, Read).Single();
        }, cancellationToken);

    public Task<bool> ClearAsync(string key, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) =>
            connection.Execute("DELETE FROM login_failures WHERE key = @key", new { key }, transaction) == 1, cancellationToken);

    public Task<IReadOnlyList<LoginLockout>> ListLockedAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        return Task.FromResult<IReadOnlyList<LoginLockout>>(SqliteReader.Query(connection, null,
            $"SELECT {Columns} FROM login_failures WHERE locked_until_ticks > @now ORDER BY key", new { now = now.UtcTicks }, Read));
    }

    public Task<int> PurgeAsync(DateTimeOffset windowStart, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => connection.Execute(
            "DELETE FROM login_failures WHERE window_start_ticks < @start AND (locked_until_ticks IS NULL OR locked_until_ticks < @now)",
            new { start = windowStart.UtcTicks, now = now.UtcTicks }, transaction), cancellationToken);

    private static LoginLockout Read(DbDataReader r) => new(
        r.GetString(0), r.GetInt32(1), new DateTimeOffset(r.GetInt64(2), TimeSpan.Zero),
        r.IsDBNull(3) ? null : new DateTimeOffset(r.GetInt64(3), TimeSpan.Zero));
}
