namespace Inbox.Connectors.Vk.Tests.Fakes;

/// <summary>An in-memory pipeline that de-duplicates on (Channel, ExternalId) like the real one, and can be held or made to fail.</summary>
public sealed class RecordingInboundPipeline : IInboundPipeline
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Channel, string ExternalId), InboundAcceptance> _accepted = [];
    private readonly List<InboundMessage> _stored = [];
    private readonly List<InboundEdit> _edits = [];
    private int _calls;

    public ChangeSignal Changed { get; } = new();

    /// <summary>While set and not completed, AcceptAsync waits on it (after signalling <see cref="Entered"/>).</summary>
    public TaskCompletionSource? Hold { get; set; }

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many of the next AcceptAsync calls throw (a storage outage).</summary>
    public int FailuresToThrow { get; set; }

    /// <summary>External ids whose next AcceptAsync throws once (a failure in the middle of a batch).</summary>
    public HashSet<string> FailOnceFor { get; } = [];

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

    public IReadOnlyList<InboundEdit> Edits
    {
        get
        {
            lock (_gate)
            {
                return [.. _edits];
            }
        }
    }

    public int AcceptCalls => Volatile.Read(ref _calls);

    public async Task<InboundAcceptance> AcceptAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        Entered.TrySetResult();
        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        try
        {
            lock (_gate)
            {
                if (FailuresToThrow > 0 || FailOnceFor.Remove(message.ExternalId))
                {
                    FailuresToThrow = Math.Max(0, FailuresToThrow - 1);
                    throw new InvalidOperationException("storage is down (test)");
                }

                var key = (message.Channel, message.ExternalId);
                if (_accepted.TryGetValue(key, out var earlier))
                {
                    return earlier with { Duplicate = true };
                }

                var acceptance = new InboundAcceptance(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), _stored.Count + 1, false);
                _accepted[key] = acceptance;
                _stored.Add(message);
                return acceptance;
            }
        }
        finally
        {
            Changed.Pulse();
        }
    }

    public Task<bool> EditAsync(InboundEdit edit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _edits.Add(edit);
            var known = _accepted.ContainsKey((edit.Channel, edit.ExternalId));
            Changed.Pulse();
            return Task.FromResult(known);
        }
    }
}
