namespace Inbox.Web.Auth;

/// <summary>The <c>DataProtection</c> section: where the keys that sign cookies and tokens are kept.</summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>The key folder; by default <c>keys/</c> beside the database.</summary>
    public string? KeysPath { get; set; }
}
