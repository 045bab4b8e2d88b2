namespace Inbox.Connectors.Telephony;

/// <summary>The legs (Mango <c>call_id</c>s) of one call (<c>entry_id</c>) seen by this process.</summary>
internal sealed class MangoEntryState
{
    public Dictionary<string, MangoLegState> Legs { get; } = new(StringComparer.Ordinal);
}
