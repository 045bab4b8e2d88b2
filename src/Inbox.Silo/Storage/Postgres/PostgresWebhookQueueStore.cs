namespace Inbox.Silo.Storage.Postgres;

/// <summary>The webhook intake's queue on PostgreSQL (<see cref="SqlWebhookQueueStore"/>).</summary>
public sealed class PostgresWebhookQueueStore(PostgresDatabase database, PostgresWriteQueue writer) : SqlWebhookQueueStore(database.Connections(writer));
