namespace Inbox.Silo.Storage.Postgres;

/// <summary>PostgreSQL's <see cref="SqlLoginLockoutStore"/>.</summary>
public sealed class PostgresLoginLockoutStore(PostgresDatabase database, PostgresWriteQueue writer) : SqlLoginLockoutStore(database.Connections(writer));
