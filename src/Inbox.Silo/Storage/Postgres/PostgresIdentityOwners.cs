namespace Inbox.Silo.Storage.Postgres;

/// <summary>Who owns each channel identity, on PostgreSQL (<see cref="SqlIdentityOwners"/>).</summary>
public sealed class PostgresIdentityOwners(PostgresDatabase database, PostgresWriteQueue writer, TimeProvider clock)
    : SqlIdentityOwners(database.Connections(writer), clock);
