namespace Inbox.Silo.Storage.Postgres;

/// <summary>PostgreSQL's <see cref="SqlCannedReplyStore"/>.</summary>
public sealed class PostgresCannedReplyStore(PostgresDatabase database, PostgresWriteQueue writer) : SqlCannedReplyStore(database.Connections(writer));
