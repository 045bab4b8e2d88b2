namespace Inbox.Benchmarks;

/// <summary>The store of the minimal durable path: the same as the Inbox run's.</summary>
public enum DurableStoreKind
{
    Sqlite,
    Postgres,
}
