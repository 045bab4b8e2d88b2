namespace Inbox.Connectors.Telegram.Tests.Infrastructure;

/// <summary>
/// An in-memory pipeline that de-duplicates on (Channel, ExternalId) like the real one (a repeat answers Duplicate = true
/// and stores nothing), applies edits to stored messages, and records every call. <see cref="BeforeAccept"/> lets a test
/// hold or fail a message before it is stored.
/// </summary>
public sealed class RecordingInboundPipeline(EventLog log) : IInboundPipeline
{
    private readonly object _gate = new();
    private readonly List<InboundMessage> _stored = [];
    private readonly List<InboundEdit> _editCalls = [];
    private int _acceptCalls;

    /// <summary>Runs before a message is stored; throw to fail the call, await something to hold it.</summary>
    public Func<InboundMessage, CancellationToken, Task>? BeforeAccept { get; set; }

    public IReadOnlyList<InboundMessage> Stored
    {
        get
        {
            lock (_gate)
            {
                return [.. _stored];
            }
        }
    }

    public IReadOnlyList<InboundEdit> EditCalls
    {
        get
        {
            lock (_gate)
            {
                return [.. _editCalls];
            }
        }
    }

    public int AcceptCalls => Volatile.Read(ref _acceptCalls);

    public InboundMessage Single(string externalId) => Assert.Single(Stored, m => m.ExternalId == externalId);

    public Task WaitForStoredAsync(int count) => log.WaitUntilAsync(() => Stored.Count >= count, $"{count} stored message(s)");

    public async Task<InboundAcceptance> AcceptAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _acceptCalls);
        log.Add("accept-call:" + message.ExternalId);
        if (BeforeAccept is { } hook)
        {
            await hook(message, cancellationToken);
        }

        bool duplicate;
        int sequence;
        lock (_gate)
        {
            duplicate = _stored.Any(m => m.Channel == message.Channel && m.ExternalId == message.ExternalId);
            if (!duplicate)
            {
                _stored.Add(message);
            }

            sequence = _stored.FindIndex(m => m.Channel == message.Channel && m.ExternalId == message.ExternalId) + 1;
        }

        log.Add((duplicate ? "duplicate:" : "stored:") + message.ExternalId);
        return new InboundAcceptance(Guid.Empty, Guid.Empty, Guid.NewGuid(), sequence, duplicate);
    }

    public Task<bool> EditAsync(InboundEdit edit, CancellationToken cancellationToken)
    {
        bool found;
        lock (_gate)
        {
            _editCalls.Add(edit);
            var index = _stored.FindIndex(m => m.Channel == edit.Channel && m.ExternalId == edit.ExternalId);
            found = index >= 0;
            if (found)
            {
                _stored[index] = _stored[index] with { Text = edit.NewText };
            }
        }

        log.Add((found ? "edited:" : "edit-unknown:") + edit.ExternalId);
        return Task.FromResult(found);
    }
}
