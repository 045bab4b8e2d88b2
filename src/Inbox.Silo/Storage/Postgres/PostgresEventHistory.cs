namespace Inbox.Silo.Storage.Postgres;

/// <summary>The reports' read of the events on PostgreSQL (<see cref="SqlEventHistory"/>).</summary>
public sealed class PostgresEventHistory(PostgresDatabase database) : SqlEventHistory(database.OpenAsync, PostgresValues.Instance);
