namespace Inbox.Connectors.Twilio;

/// <summary>Twilio could not serve a file of an inbound message for a passing reason: the message is processed again later.</summary>
public sealed class TwilioMediaUnavailableException(string message) : Exception(message);
