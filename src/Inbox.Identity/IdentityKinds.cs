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

    /// <summary>
    /// The kind of identity a channel writes to (phones for WhatsApp and SMS), or null for a channel no reply goes through
    /// (voice) and for an unknown one.
    /// </summary>
    public static string? WrittenToBy(string channel) => channel switch
    {
        "telegram" => Telegram,
        "vk" => Vk,
        "whatsapp" or "sms" => Phone,
        "email" => Email,
        "api" => Api,
        _ => null,
    };

    /// <summary>The one channel that writes to this kind of identity, or null when several can (a phone: SMS or WhatsApp).</summary>
    public static string? OnlyChannelFor(string kind) => kind is Telegram or Vk or Email or Api ? kind : null;
}
