namespace Inbox.Silo.Storage.Postgres;

/// <summary>PostgreSQL's <see cref="SqlTeamStore"/>.</summary>
public sealed class PostgresTeamStore(PostgresDatabase database, PostgresWriteQueue writer) : SqlTeamStore(database.Connections(writer));
