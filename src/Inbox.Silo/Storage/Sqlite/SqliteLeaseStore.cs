namespace Inbox.Silo.Storage.Sqlite;

/// <summary>Leases in the embedded SQLite file (<see cref="SqlLeaseStore"/>), expiry judged by this machine's clock.</summary>
public sealed class SqliteLeaseStore(SqliteDatabase database, SqliteWriteQueue writer, TimeProvider clock) : SqlLeaseStore(database.Connections(writer))
{
    protected override string NowTicksSql => "@now";

    protected override long LocalNowTicks => clock.GetUtcNow().UtcTicks;
}
