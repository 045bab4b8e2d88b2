namespace Inbox.Connectors.Email.Tests.Infrastructure;

/// <summary>
/// An in-memory pipeline that de-duplicates on (Channel, ExternalId) like the real one (a repeat answers Duplicate = true and
/// stores nothing) and, like the real host, writes the message's <see cref="InboundMessage.Checkpoint"/> into the cursor store
/// in the same step as the message (also for a duplicate). <see cref="BeforeAccept"/> lets a test hold or fail a message before
/// it is stored, <see cref="AfterAccept"/> right after (as if the process stopped there).
/// </summary>
public sealed class RecordingInboundPipeline(EventLog log, RecordingCursorStore cursors) : IInboundPipeline
{
    private readonly object _gate = new();
    private readonly List<InboundMessage> _stored = [];
    private readonly List<InboundMessage> _calls = [];
    private int _duplicates;

    public Func<InboundMessage, CancellationToken, Task>? BeforeAccept { get; set; }

    public Func<InboundMessage, CancellationToken, Task>? AfterAccept { get; set; }

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

    /// <summary>Every message offered, in order, stored or not.</summary>
    public IReadOnlyList<InboundMessage> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public int DuplicateAnswers => Volatile.Read(ref _duplicates);

    public InboundMessage Single(string externalId) => Assert.Single(Stored, m => m.ExternalId == externalId);

    public Task WaitForStoredAsync(int count) => log.WaitUntilAsync(() => Stored.Count >= count, $"{count} stored message(s)");

    public Task WaitForCallsAsync(int count) => log.WaitUntilAsync(() => Calls.Count >= count, $"{count} accept call(s)");

    public async Task<InboundAcceptance> AcceptAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _calls.Add(message);
        }

        log.Add("accept-call:" + message.ExternalId);
        if (BeforeAccept is { } before)
        {
            await before(message, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        bool duplicate;
        int sequence;
        lock (_gate)
        {
            duplicate = _stored.Any(m => m.Channel == message.Channel && m.ExternalId == message.ExternalId);
            if (!duplicate)
            {
                _stored.Add(message);
            }
            else
            {
                _duplicates++;
            }

            if (message.Checkpoint is { } checkpoint)
            {
                cursors.Set(checkpoint.Key, checkpoint.Value);
            }

            sequence = _stored.FindIndex(m => m.Channel == message.Channel && m.ExternalId == message.ExternalId) + 1;
        }

        log.Add((duplicate ? "duplicate:" : "stored:") + message.ExternalId);
        if (AfterAccept is { } after)
        {
            await after(message, cancellationToken);
        }

        return new InboundAcceptance(Guid.Empty, Guid.Empty, Guid.NewGuid(), sequence, duplicate);
    }

    public Task<bool> EditAsync(InboundEdit edit, CancellationToken cancellationToken) => Task.FromResult(false);
}
