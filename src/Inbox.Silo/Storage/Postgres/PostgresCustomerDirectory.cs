namespace Inbox.Silo.Storage.Postgres;

/// <summary>Customers' names and identities on PostgreSQL (<see cref="SqlCustomerDirectory"/>).</summary>
public sealed class PostgresCustomerDirectory(PostgresDatabase database, PostgresWriteQueue writer) : SqlCustomerDirectory(database.Connections(writer));
