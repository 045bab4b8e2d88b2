namespace Inbox.Connectors.Twilio;

/// <summary>
/// A downloaded file, or why it could not be had (<paramref name="Failure"/>, in words an operator understands;
/// <paramref name="Transient"/>: a passing reason such as a 5xx, worth trying again).
/// </summary>
public sealed record TwilioMediaDownload(byte[]? Content, string? ContentType, string? FileName, string? Failure, bool Transient = false);
