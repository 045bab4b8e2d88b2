namespace Inbox.Connectors.Telephony;

/// <summary><c>Telephony:Asterisk</c>: the Asterisk Manager Interface client. On when <see cref="Host"/> and <see cref="User"/> are set.</summary>
public sealed class AsteriskOptions
{
    public const string SectionName = "Telephony:Asterisk";

    public string? Host { get; set; }

    public int Port { get; set; } = 5038;

    /// <summary>The manager user from manager.conf (needs <c>read = call,system</c> and <c>write = reporting</c>).</summary>
    public string? User { get; set; }

    public string? Secret { get; set; }

    /// <summary>The event classes asked for at login. <c>system</c> is included so that <c>Event: Shutdown</c> arrives.</summary>
    public string Events { get; set; } = "call,system";

    /// <summary>How often <c>Action: Ping</c> is sent; a connection silent for <see cref="PingInterval"/> + <see cref="ResponseTimeout"/> is dropped and reopened.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long the banner, the login answer, and a Ping answer may take.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first wait before reconnecting; doubled after each failure up to <see cref="MaxReconnectDelay"/>, with ±20 % jitter.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Dialplan contexts in which inbound trunk calls start (e.g. <c>from-trunk</c>, <c>from-pstn</c>). When empty, a call is
    /// inbound unless its first channel is an internal phone, recognised by a numeric device name of at most
    /// <see cref="MaxExtensionLength"/> digits (<c>PJSIP/101-…</c>).
    /// </summary>
    public List<string> InboundContexts { get; set; } = [];

    public int MaxExtensionLength { get; set; } = 6;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(User);
}
