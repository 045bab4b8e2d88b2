namespace Inbox.Silo.Storage.Sqlite;

/// <summary>The embedded SQLite file's <see cref="SqlCannedReplyStore"/>.</summary>
public sealed class SqliteCannedReplyStore(SqliteDatabase database, SqliteWriteQueue writer) : SqlCannedReplyStore(database.Connections(writer));
