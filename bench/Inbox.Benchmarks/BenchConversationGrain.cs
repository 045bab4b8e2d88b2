namespace Inbox.Benchmarks;

/// <summary>
/// <see cref="IBenchConversationGrain"/>: a sequence number in memory, and for the durable call the group-committed insert
/// of the table's <see cref="DurableWriter"/> awaited inside the grain's turn, as Inbox's conversation grain awaits its write.
/// </summary>
public sealed class BenchConversationGrain(DurableWriters durable) : Grain, IBenchConversationGrain
{
    private long _sequence;

    public Task<long> AcceptAsync(string messageId, string text) => Task.FromResult(++_sequence);

    public async Task<long> AcceptDurableAsync(string messageId, string text, DurableTable table)
    {
        var sequence = ++_sequence;
        await durable.For(table).WriteAsync(new InboundRequest(messageId, new InboundCustomer(this.GetPrimaryKeyString(), ""), text));
        return sequence;
    }
}
