using Microsoft.Extensions.Logging;

namespace Inbox.Connectors.Twilio.Tests.Infrastructure;

/// <summary>One log entry: its template and its named properties.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Template, IReadOnlyList<KeyValuePair<string, object?>> Properties);
