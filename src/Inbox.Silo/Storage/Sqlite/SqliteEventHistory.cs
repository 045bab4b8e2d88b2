namespace Inbox.Silo.Storage.Sqlite;

/// <summary>The reports' read of the events in the embedded SQLite file (<see cref="SqlEventHistory"/>).</summary>
public sealed class SqliteEventHistory(SqliteDatabase database) : SqlEventHistory(database.OpenAsync, SqliteValues.Instance);
