namespace Inbox.Benchmarks;

/// <summary>
/// The baseline server's stand-in for Inbox's conversation grain, keyed by the customer's external id: one grain call
/// per message, with (<see cref="AcceptDurableAsync"/>) or without (<see cref="AcceptAsync"/>) the message's row being
/// committed by a <see cref="DurableWriter"/> inside the call, before it returns.
/// </summary>
public interface IBenchConversationGrain : IGrainWithStringKey
{
    /// <summary>Counts the message and returns its sequence in the conversation.</summary>
    Task<long> AcceptAsync(string messageId, string text);

    /// <summary>As <see cref="AcceptAsync"/>, returning only after the message's row is committed into <paramref name="table"/>.</summary>
    Task<long> AcceptDurableAsync(string messageId, string text, DurableTable table);
}
