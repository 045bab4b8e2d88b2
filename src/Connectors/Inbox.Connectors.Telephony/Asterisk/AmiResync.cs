namespace Inbox.Connectors.Telephony;

/// <summary>
/// What the tracker remembers while a CoreShowChannels list is coming in: the calls and legs known before it was asked
/// for (only those can be closed by their absence), and legs and calls that ended while it was arriving (the list may
/// still show them).
/// </summary>
internal sealed class AmiResync(IEnumerable<string> calls, IEnumerable<string> legs)
{
    public HashSet<string> CallsBefore { get; } = new(calls, StringComparer.Ordinal);

    public HashSet<string> LegsBefore { get; } = new(legs, StringComparer.Ordinal);

    public HashSet<string> HungUp { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Ended { get; } = new(StringComparer.Ordinal);
}
