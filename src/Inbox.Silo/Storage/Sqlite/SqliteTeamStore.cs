namespace Inbox.Silo.Storage.Sqlite;

/// <summary>The embedded SQLite file's <see cref="SqlTeamStore"/>.</summary>
public sealed class SqliteTeamStore(SqliteDatabase database, SqliteWriteQueue writer) : SqlTeamStore(database.Connections(writer));
