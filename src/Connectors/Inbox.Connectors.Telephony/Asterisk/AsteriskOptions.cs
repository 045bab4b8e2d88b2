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
    /// Dialplan contexts in which inbound trunk calls start (e.g. <c>from-trunk</c>, <c>from-pstn</c>): a call is inbound
    /// when its first channel starts in one of them. The surest way to tell customers' calls from internal ones.
    /// </summary>
    public List<string> InboundContexts { get; set; } = [];

    /// <summary>
    /// The device names of the internal phones (<c>101</c> for <c>PJSIP/101-…</c>), used when <see cref="InboundContexts"/>
    /// is empty: a call is inbound unless its first channel is one of them. A trunk may be named after a numeric provider
    /// login, so a name that looks like an extension proves nothing. With neither set every call counts as inbound (calls
    /// placed from the phones too) and a warning is logged at start.
    /// </summary>
    public List<string> InternalDevices { get; set; } = [];

    /// <summary>Neither <see cref="InboundContexts"/> nor <see cref="InternalDevices"/> is set: internal calls cannot be told apart.</summary>
    public bool CannotTellInternalCalls => InboundContexts.Count == 0 && InternalDevices.Count == 0;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(User);
}
