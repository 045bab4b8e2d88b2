namespace Inbox.Silo.Storage.Sqlite;

/// <summary>The webhook intake's queue in the embedded SQLite file (<see cref="SqlWebhookQueueStore"/>).</summary>
public sealed class SqliteWebhookQueueStore(SqliteDatabase database, SqliteWriteQueue writer) : SqlWebhookQueueStore(database.Connections(writer));
