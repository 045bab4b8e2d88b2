using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Inbox.Connectors.Twilio.Tests.Infrastructure;

/// <summary>Keeps every structured log entry, so tests can check that sensitive values appear only in masked properties.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            var template = properties.FirstOrDefault(p => p.Key == "{OriginalFormat}").Value as string ?? formatter(state, exception);
            entries.Enqueue(new CapturedLog(category, logLevel, template, properties.Where(p => p.Key != "{OriginalFormat}").ToList()));
        }
    }
}
