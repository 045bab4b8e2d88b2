namespace Inbox.Silo.Storage.Postgres;

/// <summary><c>Storage:Postgres</c> and <c>ConnectionStrings:Postgres</c>: the PostgreSQL store, used with <c>Storage:Provider=Postgres</c>.</summary>
public sealed class PostgresOptions
{
    public const string SectionName = "Storage:Postgres";

    /// <summary>The configuration key of the connection string.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:Postgres";

    /// <summary>From <c>ConnectionStrings:Postgres</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How many writes one transaction (one WAL flush) may group together.</summary>
    public int MaxBatch { get; set; } = 512;

    /// <summary>How long a starting node waits for PostgreSQL to become reachable before it gives up (zero: not at all).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
