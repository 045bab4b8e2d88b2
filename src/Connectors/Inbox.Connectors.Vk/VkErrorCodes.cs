namespace Inbox.Connectors.Vk;

/// <summary>The VK API error codes this connector acts on (channels.md §2).</summary>
public static class VkErrorCodes
{
    public const int Unknown = 1;
    public const int AuthorizationFailed = 5;
    public const int TooManyRequestsPerSecond = 6;
    public const int FloodControl = 9;
    public const int InternalServerError = 10;
    public const int CaptchaNeeded = 14;
    public const int InvalidParameter = 100;
    public const int Blacklisted = 900;
    public const int MessagesNotAllowed = 901;
    public const int PrivacySettings = 902;
    public const int MessageTooLong = 914;
}
