using System.Text.Json.Serialization;

namespace Inbox.Connectors.Twilio;

/// <summary>One page of <c>GET …/Messages.json</c>, newest first.</summary>
public sealed record TwilioMessagePage([property: JsonPropertyName("messages")] IReadOnlyList<TwilioMessageResource>? Messages);
