namespace Inbox.Silo.Storage.Sqlite;

/// <summary>The embedded SQLite file's <see cref="SqlOperatorStore"/>.</summary>
public sealed class SqliteOperatorStore(SqliteDatabase database, SqliteWriteQueue writer) : SqlOperatorStore(database.Connections(writer));
