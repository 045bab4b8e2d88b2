using System.Threading.Channels;
using Inbox.Domain.Calls;
using Inbox.Domain.Live;
using Inbox.Domain.Presence;
using Inbox.Silo.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Silo.Tests;

/// <summary>A silo's publisher of live events and the web nodes that subscribe to them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LiveEventPublisherTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_node_that_subscribes_after_the_list_was_read_hears_every_event_published_once_its_relay_has_waited()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var publisher = new LiveEventPublisher(fixture.Grains, clock, NullLogger<LiveEventPublisher>.Instance);
        await publisher.StartAsync(CancellationToken.None);
        var registry = fixture.Grains.GetGrain<ILiveSubscribersGrain>(0);
        var running = new FakeLiveNode();
        var runningReference = fixture.Grains.CreateObjectReference<ILiveEventObserver>(running);
        var started = new FakeLiveNode();
        var startedReference = fixture.Grains.CreateObjectReference<ILiveEventObserver>(started);
        await registry.SubscribeAsync(runningReference);
        try
        {
            // The publisher reads the list for its first event: the node that runs already is on it.
            var conversation = Guid.NewGuid();
            publisher.Publish(Event(conversation, 1));
            Assert.Equal(1, (await running.NextAsync(conversation)).Sequence);

            // A node starts: it subscribes, and waits as its relay does before it reports ready.
            await registry.SubscribeAsync(startedReference);
            clock.Advance(LiveEventPublisher.SubscriberListLifetime);

            publisher.Publish(Event(conversation, 2));
            Assert.Equal(2, (await started.NextAsync(conversation)).Sequence);
            Assert.Equal(2, (await running.NextAsync(conversation)).Sequence);
        }
        finally
        {
            await registry.UnsubscribeAsync(runningReference);
            await registry.UnsubscribeAsync(startedReference);
            fixture.Grains.DeleteObjectReference<ILiveEventObserver>(runningReference);
            fixture.Grains.DeleteObjectReference<ILiveEventObserver>(startedReference);
        }
    }

    private static LiveEvent Event(Guid conversationId, long sequence) => Samples.Inbound(conversationId, sequence, $"{conversationId}-{sequence}").Events[0];

    /// <summary>A web node: it keeps the events it hears.</summary>
    private sealed class FakeLiveNode : ILiveEventObserver
    {
        private readonly Channel<LiveEvent> _events = Channel.CreateUnbounded<LiveEvent>();

        /// <summary>The next event of <paramref name="conversationId"/> (other tests' events are skipped).</summary>
        public async Task<LiveEvent> NextAsync(Guid conversationId)
        {
            using var wait = new CancellationTokenSource(Generous);
            LiveEvent heard;
            do
            {
                heard = await _events.Reader.ReadAsync(wait.Token);
            }
            while (heard.ConversationId != conversationId);

            return heard;
        }

        public Task OnEventAsync(LiveEvent liveEvent)
        {
            _events.Writer.TryWrite(liveEvent);
            return Task.CompletedTask;
        }

        public Task OnCallAsync(CallPop pop) => Task.CompletedTask;

        public Task OnPresenceAsync(OperatorPresence presence) => Task.CompletedTask;

        public Task OnViewersAsync(ConversationViewers viewers) => Task.CompletedTask;
    }
}
