using Microsoft.Extensions.Logging;

namespace Inbox.Connectors.Testing;

/// <summary>Keeps every formatted log line of the connector (categories Inbox.*), to check what it writes and to wait for it.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly List<string> _lines = [];

    public Signal Changed { get; } = new();

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

    public int Count(string fragment) => Lines.Count(line => line.Contains(fragment, StringComparison.Ordinal));

    /// <summary>Waits (at most 30 s) until <paramref name="count"/> lines contain <paramref name="fragment"/>.</summary>
    public Task WaitForAsync(string fragment, int count = 1) =>
        Changed.WaitUntilAsync(() => Count(fragment) >= count, $"{count} log line(s) with \"{fragment}\"");

    /// <summary>Waits (at most 30 s) until a line with <paramref name="then"/> follows the last line with <paramref name="first"/>.</summary>
    public Task WaitForAfterAsync(string first, string then) =>
        Changed.WaitUntilAsync(
            () =>
            {
                var lines = Lines;
                var at = lines.ToList().FindLastIndex(line => line.Contains(first, StringComparison.Ordinal));
                return at >= 0 && lines.Skip(at + 1).Any(line => line.Contains(then, StringComparison.Ordinal));
            },
            $"\"{then}\" after \"{first}\"");

    public void Dispose()
    {
    }

    internal void Add(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }

        Changed.Pulse();
    }
}
