namespace Inbox.Silo.Storage.Postgres;

/// <summary>PostgreSQL's <see cref="SqlOperatorStore"/>.</summary>
public sealed class PostgresOperatorStore(PostgresDatabase database, PostgresWriteQueue writer) : SqlOperatorStore(database.Connections(writer));
