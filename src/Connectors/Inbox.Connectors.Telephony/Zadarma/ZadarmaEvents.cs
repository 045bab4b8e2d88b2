namespace Inbox.Connectors.Telephony;

/// <summary>The values of Zadarma's <c>event</c> field.</summary>
public static class ZadarmaEvents
{
    public const string Start = "NOTIFY_START";
    public const string Internal = "NOTIFY_INTERNAL";
    public const string Answer = "NOTIFY_ANSWER";
    public const string End = "NOTIFY_END";
    public const string Ivr = "NOTIFY_IVR";
    public const string OutStart = "NOTIFY_OUT_START";
    public const string OutEnd = "NOTIFY_OUT_END";
    public const string Record = "NOTIFY_RECORD";
}
