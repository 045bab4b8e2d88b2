namespace Inbox.Silo.Storage.Postgres;

/// <summary>The write side of the message store on PostgreSQL (<see cref="SqlConversationStore"/>).</summary>
public sealed class PostgresConversationStore(PostgresDatabase database, PostgresWriteQueue writer) : SqlConversationStore(database.Connections(writer));
