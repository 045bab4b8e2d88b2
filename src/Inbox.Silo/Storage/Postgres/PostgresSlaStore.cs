namespace Inbox.Silo.Storage.Postgres;

/// <summary>PostgreSQL's <see cref="SqlSlaStore"/>.</summary>
public sealed class PostgresSlaStore(PostgresDatabase database, PostgresWriteQueue writer) : SqlSlaStore(database.Connections(writer));
