using System.Collections.Concurrent;
using Inbox.Domain.Live;

namespace Inbox.Silo.Tests;

/// <summary>Keeps what the grains publish, so a test can see the live events they raised.</summary>
public sealed class RecordingPublisher : ILiveEventPublisher
{
    public ConcurrentQueue<LiveEvent> Published { get; } = new();

    public void Publish(LiveEvent liveEvent) => Published.Enqueue(liveEvent);

    public ConcurrentQueue<Inbox.Domain.Calls.CallPop> Pops { get; } = new();

    public void PublishCall(Inbox.Domain.Calls.CallPop pop) => Pops.Enqueue(pop);

    public ConcurrentQueue<Inbox.Domain.Presence.OperatorPresence> Presences { get; } = new();

    public void PublishPresence(Inbox.Domain.Presence.OperatorPresence presence) => Presences.Enqueue(presence);

    public IReadOnlyList<LiveEvent> Of(Guid conversationId) => Published.Where(e => e.ConversationId == conversationId).ToList();
}
