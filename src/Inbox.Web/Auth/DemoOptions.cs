namespace Inbox.Web.Auth;

/// <summary>The <c>Demo</c> section: the demo accounts of the embedded default.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Create the demo accounts on first run; when false, they are deleted (or disabled, when they have history) at start.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Their password; when empty, one is made up once and kept in <c>demo-logins.txt</c> beside the database.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// With the demo accounts, create demo teams (orders, fraud-response, email) and routing rules on first run, once, when no
    /// team exists yet.
    /// </summary>
    public bool Teams { get; set; } = true;

    /// <summary>Confirms that a node with demo accounts may listen on an address other than loopback (refused otherwise).</summary>
    public bool AllowOnPublicAddress { get; set; }
}
