namespace Inbox.Connectors.Testing;

/// <summary>One request a fake server received.</summary>
public sealed record RecordedRequest(string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At);
