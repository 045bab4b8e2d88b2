namespace Inbox.Silo;

/// <summary>The <c>Storage</c> section: which store holds messages, grain state and accounts.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c>, the embedded default (PostgreSQL follows with the cluster).</summary>
    public string Provider { get; set; } = "Sqlite";
}
