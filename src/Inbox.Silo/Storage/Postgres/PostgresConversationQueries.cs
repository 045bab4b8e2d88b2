namespace Inbox.Silo.Storage.Postgres;

/// <summary>The read side of the message store on PostgreSQL (<see cref="SqlConversationQueries"/>).</summary>
public sealed class PostgresConversationQueries(PostgresDatabase database) : SqlConversationQueries(database.OpenAsync, PostgresValues.Instance);
