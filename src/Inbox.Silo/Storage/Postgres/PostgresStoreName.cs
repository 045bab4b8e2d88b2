using Npgsql;

namespace Inbox.Silo.Storage.Postgres;

/// <summary>How the start-up line names a PostgreSQL store: host, port and database, never the password.</summary>
public static class PostgresStoreName
{
    public static string Of(string? connectionString)
    {
        try
        {
            var parts = new NpgsqlConnectionStringBuilder(connectionString);
            return $"PostgreSQL {parts.Host}:{parts.Port}/{parts.Database}";
        }
        catch (ArgumentException)
        {
            return "PostgreSQL";
        }
    }
}
