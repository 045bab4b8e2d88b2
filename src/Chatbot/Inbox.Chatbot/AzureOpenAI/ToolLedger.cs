using System.Collections.Concurrent;
using Inbox.Orders;

namespace Inbox.Chatbot.AzureOpenAI;

/// <summary>What the model's tools did during one turn: the orders they returned (the only facts the reply may state) and any handoff.</summary>
internal sealed class ToolLedger
{
    private readonly ConcurrentQueue<Order> _orders = new();
    private readonly ConcurrentQueue<string> _requestedNumbers = new();

    public IReadOnlyList<Order> Orders => _orders.ToArray();

    public IReadOnlyList<string> RequestedNumbers => _requestedNumbers.ToArray();

    public bool LookupPerformed { get; private set; }

    public bool ProviderFailed { get; private set; }

    public string? HandoffReason { get; private set; }

    public bool HandoffRequested => HandoffReason is not null;

    public void RecordLookup(string? number, IEnumerable<Order> found)
    {
        LookupPerformed = true;
        if (!string.IsNullOrWhiteSpace(number))
        {
            _requestedNumbers.Enqueue(number);
        }

        foreach (var order in found)
        {
            _orders.Enqueue(order);
        }
    }

    public void RecordProviderFailure()
    {
        LookupPerformed = true;
        ProviderFailed = true;
    }

    public void RecordHandoff(string reason) => HandoffReason = string.IsNullOrWhiteSpace(reason) ? "model asked for a person" : reason.Trim();
}
