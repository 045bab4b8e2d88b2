using Inbox.Domain.Calls;

namespace Inbox.Silo.Grains;

/// <summary>The stored state of a call: the call as shown, and the highest sequence seen per leg.</summary>
public sealed class CallSessionState
{
    public CallInfo? Call { get; set; }

    public Dictionary<string, long> LegSequences { get; set; } = [];
}
