namespace Inbox.Silo.Storage.Postgres;

/// <summary>Operators' read markers on PostgreSQL (<see cref="SqlReadMarkerStore"/>).</summary>
public sealed class PostgresReadMarkerStore(PostgresDatabase database, PostgresWriteQueue writer) : SqlReadMarkerStore(database.Connections(writer));
