namespace Inbox.Silo.Storage.Sqlite;

/// <summary>The write side of the message store in the embedded SQLite file (<see cref="SqlConversationStore"/>).</summary>
public sealed class SqliteConversationStore(SqliteDatabase database, SqliteWriteQueue writer) : SqlConversationStore(database.Connections(writer));
