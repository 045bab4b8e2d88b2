namespace Inbox.Connectors.Api;

/// <summary><c>Channels:Api</c>: our own channel for integrations. On when <see cref="Token"/> is set.</summary>
public sealed class ApiChannelOptions
{
    public const string SectionName = "Channels:Api";

    /// <summary>The bearer token integrators send to <c>POST /api/v1/inbound</c>.</summary>
    public string? Token { get; set; }

    /// <summary>Where replies to API-channel customers are POSTed.</summary>
    public string? CallbackUrl { get; set; }

    /// <summary>The HMAC-SHA256 key that signs each callback (<c>X-Inbox-Signature: sha256=…</c>).</summary>
    public string? CallbackSecret { get; set; }

    /// <summary>How long one callback attempt may take.</summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(Token);
}
