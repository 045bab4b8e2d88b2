using System.Text.Json.Serialization;

namespace Inbox.Connectors.Twilio;

/// <summary>The parts of Twilio's Message resource Inbox reads (the answer to a create, and the items of a list).</summary>
public sealed record TwilioMessageResource(
    [property: JsonPropertyName("sid")] string? Sid,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("to")] string? To,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("direction")] string? Direction,
    [property: JsonPropertyName("date_created")] string? DateCreated,
    [property: JsonPropertyName("error_code")] int? ErrorCode,
    [property: JsonPropertyName("error_message")] string? ErrorMessage);
