namespace Inbox.Connectors.Telephony;

/// <summary>What a generic CTI request becomes: a call event to record, an error for the PBX (422), or nothing (ignored).</summary>
public sealed record CtiConversion(CallEvent? Event, string? Error)
{
    public static CtiConversion Invalid(string error) => new(null, error);

    public static readonly CtiConversion Ignored = new(null, null);
}
