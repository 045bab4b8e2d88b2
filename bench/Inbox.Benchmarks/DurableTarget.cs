namespace Inbox.Benchmarks;

/// <summary>Where the minimal durable path writes: a SQLite file's path, or a PostgreSQL connection string.</summary>
public sealed record DurableTarget(DurableStoreKind Kind, string Location)
{
    public string Describe() => Kind == DurableStoreKind.Sqlite ? $"SQLite {Location} (WAL, synchronous=FULL)" : "PostgreSQL (synchronous_commit=on)";
}
