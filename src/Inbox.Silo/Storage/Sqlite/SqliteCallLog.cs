namespace Inbox.Silo.Storage.Sqlite;

/// <summary>The call log in the embedded SQLite file (<see cref="SqlCallLog"/>).</summary>
public sealed class SqliteCallLog(SqliteDatabase database, SqliteWriteQueue writer) : SqlCallLog(database.Connections(writer));
