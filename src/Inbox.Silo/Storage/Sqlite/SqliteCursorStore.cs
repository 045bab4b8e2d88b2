namespace Inbox.Silo.Storage.Sqlite;

/// <summary>Small durable values by key in the embedded SQLite file (<see cref="SqlCursorStore"/>).</summary>
public sealed class SqliteCursorStore(SqliteDatabase database, SqliteWriteQueue writer) : SqlCursorStore(database.Connections(writer));
