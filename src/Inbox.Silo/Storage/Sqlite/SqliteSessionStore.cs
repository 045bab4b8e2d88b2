namespace Inbox.Silo.Storage.Sqlite;

/// <summary>The embedded SQLite file's <see cref="SqlSessionStore"/>.</summary>
public sealed class SqliteSessionStore(SqliteDatabase database, SqliteWriteQueue writer) : SqlSessionStore(database.Connections(writer));
