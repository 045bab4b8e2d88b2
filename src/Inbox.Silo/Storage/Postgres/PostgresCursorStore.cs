namespace Inbox.Silo.Storage.Postgres;

/// <summary>Small durable values by key on PostgreSQL (<see cref="SqlCursorStore"/>).</summary>
public sealed class PostgresCursorStore(PostgresDatabase database, PostgresWriteQueue writer) : SqlCursorStore(database.Connections(writer));
