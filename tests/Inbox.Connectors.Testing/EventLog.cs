namespace Inbox.Connectors.Testing;

/// <summary>The order in which the fakes saw things happen ("accept:…", "cursor:…"), shared by them, so tests can check order.</summary>
public sealed class EventLog
{
    private readonly List<string> _events = [];

    public Signal Changed { get; } = new();

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public void Add(string entry)
    {
        lock (_events)
        {
            _events.Add(entry);
        }

        Changed.Pulse();
    }

    public Task WaitUntilAsync(Func<bool> condition, string? what = null) => Changed.WaitUntilAsync(condition, what);
}
