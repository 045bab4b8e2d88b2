namespace Inbox.Silo.Storage.Sqlite;

/// <summary>Customers' names and identities in the embedded SQLite file (<see cref="SqlCustomerDirectory"/>).</summary>
public sealed class SqliteCustomerDirectory(SqliteDatabase database, SqliteWriteQueue writer) : SqlCustomerDirectory(database.Connections(writer));
