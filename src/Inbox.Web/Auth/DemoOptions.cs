namespace Inbox.Web.Auth;

/// <summary>The <c>Demo</c> section: the demo accounts of the embedded default.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Create the demo accounts on first run and print their logins.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Their password; when empty, one is made up once and kept in <c>demo-logins.txt</c> beside the database.</summary>
    public string? Password { get; set; }
}
