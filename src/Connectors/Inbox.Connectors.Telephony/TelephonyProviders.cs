namespace Inbox.Connectors.Telephony;

/// <summary>The provider names written into <see cref="CallEvent.Provider"/> and listed by <see cref="TelephonyModule.Adapters"/>.</summary>
public static class TelephonyProviders
{
    /// <summary>Any PBX speaking the generic (Zammad-compatible) CTI webhook format.</summary>
    public const string Cti = "cti";

    /// <summary>Asterisk through the Asterisk Manager Interface (AMI).</summary>
    public const string Asterisk = "asterisk";

    public const string Zadarma = "zadarma";

    public const string Mango = "mango";

    public const string Twilio = "twilio";

    public static readonly IReadOnlyList<string> All = [Cti, Asterisk, Zadarma, Mango, Twilio];
}
