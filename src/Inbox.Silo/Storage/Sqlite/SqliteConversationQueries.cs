namespace Inbox.Silo.Storage.Sqlite;

/// <summary>The read side of the message store in the embedded SQLite file (<see cref="SqlConversationQueries"/>).</summary>
public sealed class SqliteConversationQueries(SqliteDatabase database) : SqlConversationQueries(database.OpenAsync, SqliteValues.Instance);
