namespace Inbox.Silo.Storage.Sqlite;

/// <summary>Automatic assignment's reads in the embedded SQLite file (<see cref="SqlRoutingQueries"/>).</summary>
public sealed class SqliteRoutingQueries(SqliteDatabase database) : SqlRoutingQueries(database.OpenAsync, SqliteValues.Instance);
