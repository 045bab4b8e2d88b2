namespace Inbox.Silo.Storage.Sqlite;

/// <summary>Who owns each channel identity, in the embedded SQLite file (<see cref="SqlIdentityOwners"/>).</summary>
public sealed class SqliteIdentityOwners(SqliteDatabase database, SqliteWriteQueue writer, TimeProvider clock)
    : SqlIdentityOwners(database.Connections(writer), clock);
