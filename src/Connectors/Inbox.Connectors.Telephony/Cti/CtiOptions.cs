namespace Inbox.Connectors.Telephony;

/// <summary><c>Telephony:Cti</c>: the generic, Zammad-compatible CTI webhook. On when <see cref="Token"/> is set.</summary>
public sealed class CtiOptions
{
    public const string SectionName = "Telephony:Cti";

    /// <summary>The secret path segment of <c>POST /webhooks/cti/{token}</c>.</summary>
    public string? Token { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Token);
}
