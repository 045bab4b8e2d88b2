namespace Inbox.Connectors.Vk;

/// <summary>Turns a failed VK call into a delivery outcome, following the error table of channels.md §2.</summary>
public static class VkDeliveryErrors
{
    public static readonly TimeSpan TooManyRequestsDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan FloodControlDelay = TimeSpan.FromMinutes(5);

    public const string InvalidTokenReason = "the VK access token is invalid (Channels:Vk:AccessToken): replies cannot be sent until it is replaced";

    public static DeliveryOutcome ToOutcome(VkApiResult result) => result switch
    {
        VkApiResult.Unavailable unavailable => new DeliveryOutcome.Retry(unavailable.Reason, unavailable.RetryAfter),
        VkApiResult.Refused refused => new DeliveryOutcome.Failed(refused.Reason),
        VkApiResult.ApiError error => FromApiError(error),
        _ => new DeliveryOutcome.Retry("VK gave an unexpected answer"),
    };

    public static DeliveryOutcome FromApiError(VkApiResult.ApiError error) => error.Code switch
    {
        VkErrorCodes.Unknown => new DeliveryOutcome.Retry($"VK reported an unknown error: {error.Message}"),
        VkErrorCodes.AuthorizationFailed => new DeliveryOutcome.Failed(InvalidTokenReason),
        VkErrorCodes.TooManyRequestsPerSecond => new DeliveryOutcome.Retry("too many VK requests per second (error 6)", TooManyRequestsDelay),
        VkErrorCodes.FloodControl => new DeliveryOutcome.Retry("VK flood control (error 9): too many messages were sent; retrying in a few minutes", FloodControlDelay),
        VkErrorCodes.InternalServerError => new DeliveryOutcome.Retry("VK internal error (error 10)"),
        VkErrorCodes.CaptchaNeeded => new DeliveryOutcome.Failed("VK asks for a captcha (error 14), which a community token cannot solve; check the community's messages settings"),
        VkErrorCodes.Blacklisted => new DeliveryOutcome.Failed("the user has blacklisted the community (VK error 900)", RecipientUnreachable: true),
        VkErrorCodes.MessagesNotAllowed => new DeliveryOutcome.Failed("the user has not allowed messages from the community (VK error 901)", RecipientUnreachable: true),
        VkErrorCodes.PrivacySettings => new DeliveryOutcome.Failed("the user's privacy settings do not allow messages from the community (VK error 902)", RecipientUnreachable: true),
        VkErrorCodes.MessageTooLong => new DeliveryOutcome.Failed("VK says the message is too long (error 914); lower Channels:Vk:MaxMessageLength"),
        _ => new DeliveryOutcome.Failed($"VK refused the message: {error.Message} (error {error.Code})"),
    };
}
