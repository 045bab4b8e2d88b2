namespace Inbox.Connectors;

/// <summary>The channel names used everywhere: on messages, in configuration, in the API.</summary>
public static class ChannelNames
{
    public const string Telegram = "telegram";
    public const string Vk = "vk";
    public const string WhatsApp = "whatsapp";
    public const string Sms = "sms";
    public const string Email = "email";
    public const string Voice = "voice";
    public const string Api = "api";

    public static readonly IReadOnlyList<string> All = [Telegram, Vk, WhatsApp, Sms, Email, Voice, Api];
}
