namespace Inbox.Silo.Storage.Sqlite;

/// <summary><c>Storage:Sqlite</c>: the embedded store.</summary>
public sealed class SqliteOptions
{
    public const string SectionName = "Storage:Sqlite";

    /// <summary>The database file; its folder is created when missing.</summary>
    public string Path { get; set; } = "data/inbox.db";

    /// <summary>How many writes one transaction (one fsync) may group together.</summary>
    public int MaxBatch { get; set; } = 512;
}
