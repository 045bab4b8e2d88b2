namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// Leases on PostgreSQL (<see cref="SqlLeaseStore"/>), expiry judged by the database's clock, so the nodes sharing it need
/// not agree on the time.
/// </summary>
public sealed class PostgresLeaseStore(PostgresDatabase database, PostgresWriteQueue writer, TimeProvider clock) : SqlLeaseStore(database.Connections(writer))
{
    /// <summary>The database's time in .NET ticks since 0001-01-01 UTC (621355968000000000 ticks before the Unix epoch).</summary>
    protected override string NowTicksSql => "(floor(extract(epoch from clock_timestamp()) * 1000000)::bigint * 10 + 621355968000000000)";

    protected override long LocalNowTicks => clock.GetUtcNow().UtcTicks;
}
