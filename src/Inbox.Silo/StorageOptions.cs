namespace Inbox.Silo;

/// <summary>The <c>Storage</c> section: which store holds messages, the outbox, directories and accounts.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public const string Sqlite = "Sqlite";

    public const string Postgres = "Postgres";

    /// <summary><c>Sqlite</c>, the embedded default, or <c>Postgres</c> (with <c>ConnectionStrings:Postgres</c>), for several nodes.</summary>
    public string Provider { get; set; } = Sqlite;

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public bool IsSqlite => string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase);
}
