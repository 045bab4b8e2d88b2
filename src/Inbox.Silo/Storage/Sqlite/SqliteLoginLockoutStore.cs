namespace Inbox.Silo.Storage.Sqlite;

/// <summary>The embedded SQLite file's <see cref="SqlLoginLockoutStore"/>.</summary>
public sealed class SqliteLoginLockoutStore(SqliteDatabase database, SqliteWriteQueue writer) : SqlLoginLockoutStore(database.Connections(writer));
