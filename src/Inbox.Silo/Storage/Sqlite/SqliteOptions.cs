namespace Inbox.Silo.Storage.Sqlite;

/// <summary><c>Storage:Sqlite</c>: the embedded store.</summary>
public sealed class SqliteOptions
{
    public const string SectionName = "Storage:Sqlite";

    /// <summary>The database file; its folder is created when missing.</summary>
    public string Path { get; set; } = "data/inbox.db";

    /// <summary>How many writes one transaction (one fsync) may group together.</summary>
    public int MaxBatch { get; set; } = 512;

    /// <summary>The folder of the database file, where the node also keeps its data-protection keys and the demo logins.</summary>
    public string DataFolder => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) ?? ".";
}
