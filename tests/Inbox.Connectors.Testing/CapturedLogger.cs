using Microsoft.Extensions.Logging;

namespace Inbox.Connectors.Testing;

/// <summary>Writes the connector's log lines (categories Inbox.*) to <see cref="CapturedLogs"/>.</summary>
public sealed class CapturedLogger(CapturedLogs owner, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!category.StartsWith("Inbox.", StringComparison.Ordinal))
        {
            return;
        }

        owner.Add($"{logLevel} {category}: {formatter(state, exception)} {exception?.Message}");
    }
}
