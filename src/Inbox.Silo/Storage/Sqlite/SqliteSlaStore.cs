namespace Inbox.Silo.Storage.Sqlite;

/// <summary>The embedded SQLite file's <see cref="SqlSlaStore"/>.</summary>
public sealed class SqliteSlaStore(SqliteDatabase database, SqliteWriteQueue writer) : SqlSlaStore(database.Connections(writer));
