using System.Collections.Concurrent;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// The furthest receipt recorded for recent message SIDs on this node, so that a late "sent" after "delivered" is dropped here
/// (the host also refuses to move a delivery state backwards; this only saves it the work). Bounded: forgotten when full.
/// </summary>
public sealed class TwilioReceiptRanks
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, int> _ranks = new(StringComparer.Ordinal);

    public bool IsBehind(string messageSid, ReceiptStatus status) =>
        _ranks.TryGetValue(messageSid, out var furthest) && TwilioMessageStatus.Rank(status) < furthest;

    public void Recorded(string messageSid, ReceiptStatus status)
    {
        if (_ranks.Count >= Capacity)
        {
            _ranks.Clear();
        }

        var rank = TwilioMessageStatus.Rank(status);
        _ranks.AddOrUpdate(messageSid, rank, (_, furthest) => Math.Max(furthest, rank));
    }
}
