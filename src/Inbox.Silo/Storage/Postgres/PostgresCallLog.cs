namespace Inbox.Silo.Storage.Postgres;

/// <summary>The call log on PostgreSQL (<see cref="SqlCallLog"/>).</summary>
public sealed class PostgresCallLog(PostgresDatabase database, PostgresWriteQueue writer) : SqlCallLog(database.Connections(writer));
