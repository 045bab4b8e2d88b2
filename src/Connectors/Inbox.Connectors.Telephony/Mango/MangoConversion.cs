namespace Inbox.Connectors.Telephony;

/// <summary>What a Mango event becomes: a call event to record, an error (400), or nothing (acknowledged and ignored).</summary>
public sealed record MangoConversion(CallEvent? Event, string? Error)
{
    public static MangoConversion Invalid(string error) => new(null, error);

    public static readonly MangoConversion Ignored = new(null, null);
}
