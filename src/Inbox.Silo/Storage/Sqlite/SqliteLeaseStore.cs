using Dapper;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>Leases in <c>leases</c>, expiry as UTC ticks of this machine's clock; taking and renewing is one conditional upsert.</summary>
public sealed class SqliteLeaseStore(SqliteDatabase database, SqliteWriteQueue writer, TimeProvider clock) : ILeaseStore
{
    public Task<bool> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return writer.WriteAsync((connection, transaction) =>
        {
            var now = clock.GetUtcNow();
            return connection.Execute("""
                INSERT INTO leases (name, owner, expires_ticks) VALUES (@name, @owner, @expires)
                ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_ticks = excluded.expires_ticks
                WHERE leases.owner = excluded.owner OR leases.expires_ticks <= @now
                """, new { name, owner, expires = (now + duration).UtcTicks, now = now.UtcTicks }, transaction) > 0;
        }, cancellationToken);
    }

    public Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) =>
            connection.Execute("DELETE FROM leases WHERE name = @name AND owner = @owner", new { name, owner }, transaction), cancellationToken);

    public Task<string?> GetOwnerAsync(string name, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        return Task.FromResult(connection.ExecuteScalar<string?>("SELECT owner FROM leases WHERE name = @name AND expires_ticks > @now",
            new { name, now = clock.GetUtcNow().UtcTicks }));
    }
}
