namespace Inbox.Chatbot.Tests.Infrastructure;

/// <summary>One request a fake server received.</summary>
public sealed record RecordedRequest(string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At);
