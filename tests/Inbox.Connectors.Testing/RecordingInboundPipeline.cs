namespace Inbox.Connectors.Testing;

/// <summary>
/// Stands in for the host's inbound pipeline. Like the real one it de-duplicates on (Channel, ExternalId): a repeat stores
/// nothing and is answered with the first acceptance and Duplicate = true. It resolves identities to customers the same way
/// (the first identity already owned decides), applies edits to stored messages and, given a cursor store, writes a message's
/// <see cref="InboundMessage.Checkpoint"/> in the same step as the message (also for a duplicate), as the host does. It records
/// every call and, given an <see cref="EventLog"/>, logs "accept-call:", "stored:"/"duplicate:" and "edited:"/"edit-unknown:".
/// A test can hold a message before it is stored (<see cref="Hold"/>, <see cref="BeforeAccept"/>), make storing fail
/// (<see cref="BeforeAccept"/>, <see cref="FailuresToThrow"/>, <see cref="FailOnceFor"/>) or hold the caller right after
/// (<see cref="AfterAccept"/>, as if the process stopped there).
/// </summary>
public sealed class RecordingInboundPipeline(EventLog? log = null, RecordingCursorStore? checkpoints = null) : IInboundPipeline
{
    private readonly Lock _gate = new();
    private readonly List<InboundMessage> _calls = [];
    private readonly List<InboundMessage> _stored = [];
    private readonly List<InboundEdit> _edits = [];
    private readonly Dictionary<(string Channel, string ExternalId), InboundAcceptance> _accepted = [];
    private readonly Dictionary<string, Guid> _owners = new(StringComparer.Ordinal);
    private int _duplicates;

    /// <summary>Pulsed on every call and every change.</summary>
    public Signal Changed { get; } = new();

    /// <summary>
    /// While set, AcceptAsync signals <see cref="Entered"/> and waits (at most 30 s, whatever the caller's token does) until
    /// this completes before storing; then it notes in <see cref="TokenWasCancelled"/> whether the caller's token was cancelled.
    /// </summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Completes when a call reaches <see cref="Hold"/>.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the token handed to AcceptAsync was cancelled by the time a held message was released.</summary>
    public bool TokenWasCancelled { get; private set; }

    /// <summary>Runs before a message is stored; throw to fail the call, await something to hold it.</summary>
    public Func<InboundMessage, CancellationToken, Task>? BeforeAccept { get; set; }

    /// <summary>Runs right after a message is stored (or answered as a duplicate); await something to hold the caller there.</summary>
    public Func<InboundMessage, CancellationToken, Task>? AfterAccept { get; set; }

    /// <summary>How many of the next AcceptAsync calls throw (a storage outage).</summary>
    public int FailuresToThrow { get; set; }

    /// <summary>External ids whose next AcceptAsync throws once (a failure in the middle of a batch).</summary>
    public HashSet<string> FailOnceFor { get; } = [];

    /// <summary>Completes with the first stored message (not a duplicate).</summary>
    public TaskCompletionSource<InboundMessage> FirstStored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The stored messages (no duplicates), in order, with edits applied.</summary>
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

    /// <summary>Every edit handed in, in order, applied or not.</summary>
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

    public int AcceptCalls
    {
        get
        {
            lock (_gate)
            {
                return _calls.Count;
            }
        }
    }

    public int DuplicateAnswers => Volatile.Read(ref _duplicates);

    public InboundMessage Single(string externalId) => Assert.Single(Stored, m => m.ExternalId == externalId);

    /// <summary>The customer an identity ("phone:+7…") was resolved to, or null when no stored message came from it.</summary>
    public Guid? CustomerOf(string identity)
    {
        lock (_gate)
        {
            return _owners.TryGetValue(identity, out var owner) ? owner : null;
        }
    }

    public Task WaitForStoredAsync(int count) => Changed.WaitUntilAsync(() => Stored.Count >= count, $"{count} stored message(s)");

    public Task WaitForCallsAsync(int count) => Changed.WaitUntilAsync(() => Calls.Count >= count, $"{count} accept call(s)");

    public async Task<InboundAcceptance> AcceptAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _calls.Add(message);
        }

        log?.Add("accept-call:" + message.ExternalId);
        try
        {
            if (Hold is { } hold)
            {
                Entered.TrySetResult();
                await hold.Task.WaitAsync(Signal.MaxWait, CancellationToken.None);
                TokenWasCancelled |= cancellationToken.IsCancellationRequested;
            }

            if (BeforeAccept is { } before)
            {
                await before(message, cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var acceptance = Store(message);
            log?.Add((acceptance.Duplicate ? "duplicate:" : "stored:") + message.ExternalId);
            if (!acceptance.Duplicate)
            {
                FirstStored.TrySetResult(message);
            }

            if (AfterAccept is { } after)
            {
                await after(message, cancellationToken);
            }

            return acceptance;
        }
        finally
        {
            Changed.Pulse();
        }
    }

    public Task<bool> EditAsync(InboundEdit edit, CancellationToken cancellationToken)
    {
        bool found;
        lock (_gate)
        {
            _edits.Add(edit);
            var index = _stored.FindIndex(m => m.Channel == edit.Channel && m.ExternalId == edit.ExternalId);
            found = index >= 0;
            if (found)
            {
                _stored[index] = _stored[index] with { Text = edit.NewText };
            }
        }

        log?.Add((found ? "edited:" : "edit-unknown:") + edit.ExternalId);
        Changed.Pulse();
        return Task.FromResult(found);
    }

    private InboundAcceptance Store(InboundMessage message)
    {
        lock (_gate)
        {
            if (FailuresToThrow > 0 || FailOnceFor.Remove(message.ExternalId))
            {
                FailuresToThrow = Math.Max(0, FailuresToThrow - 1);
                throw new InvalidOperationException("storage is down (test)");
            }

            var key = (message.Channel, message.ExternalId);
            InboundAcceptance acceptance;
            if (_accepted.TryGetValue(key, out var earlier))
            {
                acceptance = earlier with { Duplicate = true };
                _duplicates++;
            }
            else
            {
                var customer = message.From.Select(i => _owners.TryGetValue(i.ToString(), out var owner) ? owner : (Guid?)null).FirstOrDefault(o => o is not null)
                    ?? Guid.NewGuid();
                foreach (var identity in message.From)
                {
                    _owners.TryAdd(identity.ToString(), customer);
                }

                acceptance = new InboundAcceptance(customer, customer, Guid.NewGuid(), _stored.Count + 1, Duplicate: false);
                _accepted[key] = acceptance;
                _stored.Add(message);
            }

            if (checkpoints is not null && message.Checkpoint is { } checkpoint)
            {
                checkpoints.Set(checkpoint.Key, checkpoint.Value);
            }

            return acceptance;
        }
    }
}
