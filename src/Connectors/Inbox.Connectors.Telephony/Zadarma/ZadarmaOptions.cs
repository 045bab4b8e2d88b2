namespace Inbox.Connectors.Telephony;

/// <summary><c>Telephony:Zadarma</c>: Zadarma PBX notifications. On when <see cref="Secret"/> is set.</summary>
public sealed class ZadarmaOptions
{
    public const string SectionName = "Telephony:Zadarma";

    /// <summary>The API secret from the Zadarma personal account (Settings → API); it signs every notification.</summary>
    public string? Secret { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Secret);
}
