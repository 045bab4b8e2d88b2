namespace Inbox.Silo.Storage.Postgres;

/// <summary>Automatic assignment's reads on PostgreSQL (<see cref="SqlRoutingQueries"/>).</summary>
public sealed class PostgresRoutingQueries(PostgresDatabase database) : SqlRoutingQueries(database.OpenAsync, PostgresValues.Instance);
