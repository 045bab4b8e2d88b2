using System.Collections.Concurrent;

namespace Inbox.Connectors.Twilio.Tests.Infrastructure;

/// <summary>
/// Stands in for the host's pipeline: de-duplicates on (Channel, ExternalId) and answers Duplicate=true like the real one,
/// resolves identities to customers the same way (the first identity already owned decides), and records every call.
/// <see cref="Gate"/> can hold a message "being stored" to show that Twilio is answered only afterwards.
/// </summary>
public sealed class RecordingInboundPipeline : IInboundPipeline
{
    private readonly object _lock = new();
    private readonly Dictionary<(string Channel, string ExternalId), (InboundMessage Message, InboundAcceptance Acceptance)> _stored = new();
    private readonly Dictionary<string, Guid> _owners = new(StringComparer.Ordinal);
    private long _sequence;

    public ConcurrentQueue<InboundMessage> Calls { get; } = new();

    /// <summary>When set, AcceptAsync signals <see cref="Entered"/> and waits for this before storing.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the first stored message (not a duplicate).</summary>
    public TaskCompletionSource<InboundMessage> FirstStored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the token handed to AcceptAsync was cancelled by the time the message was stored.</summary>
    public bool TokenWasCancelled { get; private set; }

    public IReadOnlyList<InboundMessage> Stored
    {
        get
        {
            lock (_lock)
            {
                return _stored.Values.Select(v => v.Message).ToList();
            }
        }
    }

    public async Task<InboundAcceptance> AcceptAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        Calls.Enqueue(message);
        if (Gate is { } gate)
        {
            Entered.TrySetResult();
            await gate.Task.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            TokenWasCancelled |= cancellationToken.IsCancellationRequested;
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_stored.TryGetValue((message.Channel, message.ExternalId), out var existing))
            {
                return existing.Acceptance with { Duplicate = true };
            }

            var customer = message.From.Select(i => _owners.TryGetValue(i.ToString(), out var owner) ? owner : (Guid?)null).FirstOrDefault(o => o is not null)
                ?? Guid.NewGuid();
            foreach (var identity in message.From)
            {
                _owners.TryAdd(identity.ToString(), customer);
            }

            var acceptance = new InboundAcceptance(customer, customer, Guid.NewGuid(), ++_sequence, Duplicate: false);
            _stored[(message.Channel, message.ExternalId)] = (message, acceptance);
            FirstStored.TrySetResult(message);
            return acceptance;
        }
    }

    public Task<bool> EditAsync(InboundEdit edit, CancellationToken cancellationToken) => Task.FromResult(false);

    public Guid? CustomerOf(string identity)
    {
        lock (_lock)
        {
            return _owners.TryGetValue(identity, out var owner) ? owner : null;
        }
    }
}
