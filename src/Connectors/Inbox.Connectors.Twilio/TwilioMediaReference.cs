namespace Inbox.Connectors.Twilio;

/// <summary>One file of an inbound message: <c>MediaUrl{Index}</c> and <c>MediaContentType{Index}</c>.</summary>
public sealed record TwilioMediaReference(int Index, Uri Url, string? ContentType);
