using Microsoft.Extensions.Logging;

namespace Inbox.Connectors.Telegram.Tests.Infrastructure;

/// <summary>Keeps every formatted log line and every named property value, to check what the connector writes to logs.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new CapturedLogger(this, categoryName);

    public void Dispose()
    {
    }

    internal void Add(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
