using System.Data.Common;

namespace Inbox.Silo.Storage.Postgres;

/// <summary>What a PostgreSQL connection string says: a setting it names is the operator's, and Inbox's defaults leave it as written.</summary>
internal static class PostgresConnectionStringSettings
{
    /// <summary>Whether the string names <paramref name="keyword"/> (as <c>Max Auto Prepare</c>), spelled with its spaces or without, as Npgsql takes both.</summary>
    public static bool Names(this DbConnectionStringBuilder written, string keyword) =>
        written.ContainsKey(keyword) || written.ContainsKey(keyword.Replace(" ", "", StringComparison.Ordinal));
}
