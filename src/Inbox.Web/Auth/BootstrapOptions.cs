namespace Inbox.Web.Auth;

/// <summary>
/// The <c>Bootstrap</c> section: the first admin of a server, where demo accounts are refused. When
/// <see cref="AdminLogin"/> is set and the store has no admin (demo accounts aside), the node creates that admin with
/// <see cref="AdminPassword"/> at start; once any admin exists, it changes nothing (it never resets a password).
/// </summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Bootstrap";

    /// <summary>The first admin's login; empty: no bootstrap.</summary>
    public string? AdminLogin { get; set; }

    /// <summary>The first admin's password (the product's rule: 10 to 256 characters), used only when the admin is created.</summary>
    public string? AdminPassword { get; set; }

    public bool IsSet => !string.IsNullOrWhiteSpace(AdminLogin) || !string.IsNullOrEmpty(AdminPassword);
}
