namespace Inbox.Connectors.Twilio;

/// <summary>The form of <c>POST …/Messages.json</c>. Exactly one of <paramref name="From"/> and <paramref name="MessagingServiceSid"/> is set.</summary>
public sealed record TwilioCreateMessage(string To, string? From, string? MessagingServiceSid, string Body, string? StatusCallback);
