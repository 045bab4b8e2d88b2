using Dapper;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Storage;

/// <summary>
/// Leases in <c>leases</c>, the same SQL on SQLite and PostgreSQL: expiry is kept as UTC ticks and judged by the store's
/// clock (<see cref="NowTicksSql"/>); taking and renewing is one conditional upsert, so two nodes never both hold a lease.
/// </summary>
public abstract class SqlLeaseStore(StoreConnections store) : ILeaseStore
{
    /// <summary>An SQL expression for the store's current time as UTC ticks; it may use the parameter <c>@now</c> (this machine's clock).</summary>
    protected abstract string NowTicksSql { get; }

    /// <summary>This machine's time as UTC ticks, bound as <c>@now</c>.</summary>
    protected abstract long LocalNowTicks { get; }

    public Task<bool> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return store.Writer.WriteAsync((connection, transaction) => connection.Execute($"""
            INSERT INTO leases (name, owner, expires_ticks) VALUES (@name, @owner, {NowTicksSql} + @duration)
            ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_ticks = excluded.expires_ticks
            WHERE leases.owner = excluded.owner OR leases.expires_ticks <= {NowTicksSql}
            """, new { name, owner, duration = duration.Ticks, now = LocalNowTicks }, transaction) > 0, cancellationToken);
    }

    public Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) =>
            connection.Execute("DELETE FROM leases WHERE name = @name AND owner = @owner", new { name, owner }, transaction), cancellationToken);

    public async Task<string?> GetOwnerAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            $"SELECT owner FROM leases WHERE name = @name AND expires_ticks > {NowTicksSql}", new { name, now = LocalNowTicks },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
