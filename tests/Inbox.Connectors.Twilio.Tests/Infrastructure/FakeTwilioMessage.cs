namespace Inbox.Connectors.Twilio.Tests.Infrastructure;

/// <summary>A message the fake Twilio created, with the form it was created from.</summary>
public sealed record FakeTwilioMessage(string Sid, IReadOnlyDictionary<string, string[]> Form, DateTimeOffset CreatedAt)
{
    public string? this[string field] => Form.TryGetValue(field, out var values) ? values[0] : null;
}
