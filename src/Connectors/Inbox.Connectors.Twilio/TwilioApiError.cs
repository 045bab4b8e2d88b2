using System.Text.Json.Serialization;

namespace Inbox.Connectors.Twilio;

/// <summary>Twilio's error body: <c>{"code":21211,"message":"…","more_info":"https://www.twilio.com/docs/errors/21211","status":400}</c>.</summary>
public sealed record TwilioApiError(
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("more_info")] string? MoreInfo,
    [property: JsonPropertyName("status")] int? Status);
