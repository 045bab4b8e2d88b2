namespace Inbox.Benchmarks;

/// <summary>Which table a durable path's writer inserts into (<see cref="DurableWriter"/>).</summary>
[GenerateSerializer]
public enum DurableTable
{
    /// <summary>The minimal durable path: one row per message, keyed by its external id, nothing else indexed.</summary>
    Plain,

    /// <summary>The same row, also indexed by its customer and time, as a conversation store reads a timeline.</summary>
    IndexedByCustomer,
}
