namespace Inbox.Identity;

/// <summary>The kinds of address an identity can have. Phone numbers are shared by WhatsApp, SMS and calls.</summary>
public static class IdentityKinds
{
    public const string Telegram = "telegram";
    public const string Vk = "vk";
    public const string Phone = "phone";
    public const string Email = "email";
    /// <summary>An id given by an integrator of our own API channel.</summary>
    public const string Api = "api";

    public static readonly IReadOnlyList<string> All = [Telegram, Vk, Phone, Email, Api];
}
