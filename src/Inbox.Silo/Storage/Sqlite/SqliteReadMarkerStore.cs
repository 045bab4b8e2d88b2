namespace Inbox.Silo.Storage.Sqlite;

/// <summary>Operators' read markers in the embedded SQLite file (<see cref="SqlReadMarkerStore"/>).</summary>
public sealed class SqliteReadMarkerStore(SqliteDatabase database, SqliteWriteQueue writer) : SqlReadMarkerStore(database.Connections(writer));
