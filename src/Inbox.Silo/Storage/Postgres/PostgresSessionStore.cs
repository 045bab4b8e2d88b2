namespace Inbox.Silo.Storage.Postgres;

/// <summary>PostgreSQL's <see cref="SqlSessionStore"/>.</summary>
public sealed class PostgresSessionStore(PostgresDatabase database, PostgresWriteQueue writer) : SqlSessionStore(database.Connections(writer));
