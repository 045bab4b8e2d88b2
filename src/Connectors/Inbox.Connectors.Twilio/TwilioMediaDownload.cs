namespace Inbox.Connectors.Twilio;

/// <summary>A downloaded file, or why it could not be had (<paramref name="Failure"/>, in words an operator understands).</summary>
public sealed record TwilioMediaDownload(byte[]? Content, string? ContentType, string? FileName, string? Failure);
