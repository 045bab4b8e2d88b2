using Inbox.Domain;
using Inbox.Domain.Calls;
using Inbox.Domain.Live;
using Inbox.Domain.Presence;
using Microsoft.Extensions.Logging;

namespace Inbox.Silo.Live;

/// <summary>
/// Sends committed events from this silo to every subscribed web node, one at a time and in the order they
/// were committed. The list of nodes is asked from <see cref="ILiveSubscribersGrain"/> and kept for
/// <see cref="SubscriberListLifetime"/>: a node that subscribed hears every event published here once that much time has
/// passed (its relay waits that long before the node reports ready). Beyond that, delivery is best effort: a node that
/// misses an event sees the gap in the sequence at the conversation's next event and asks the store.
/// The host starts the sending loop; events published before it starts wait in the queue.
/// </summary>
public sealed class LiveEventPublisher : QueuedSender<object>, ILiveEventPublisher
{
    /// <summary>
    /// How long a list of nodes is used, counted from when it was asked for. A list asked for before a node subscribed is
    /// used no longer than this after the subscription; short, because a node waits this long before it is ready.
    /// </summary>
    public static readonly TimeSpan SubscriberListLifetime = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan ListFetchTimeout = TimeSpan.FromSeconds(5);

    private readonly IGrainFactory _grains;
    private readonly TimeProvider _clock;
    private readonly ILogger<LiveEventPublisher> _logger;
    private IReadOnlyList<ILiveEventObserver> _subscribers = [];
    private DateTimeOffset _listFetchedAt = DateTimeOffset.MinValue;

    public LiveEventPublisher(IGrainFactory grains, TimeProvider clock, ILogger<LiveEventPublisher> logger)
    {
        _grains = grains;
        _clock = clock;
        _logger = logger;
    }

    public void Publish(LiveEvent liveEvent) => Enqueue(liveEvent);

    public void PublishCall(CallPop pop) => Enqueue(pop);

    public void PublishPresence(OperatorPresence presence) => Enqueue(presence);

    protected override async Task SendAsync(object item)
    {
        if (_clock.GetUtcNow() - _listFetchedAt >= SubscriberListLifetime)
        {
            try
            {
                // The age counts from the question, not the answer: the list may have been made just before a node subscribed.
                var askedAt = _clock.GetUtcNow();
                // Bounded: while the registry grain moves between silos, events go to the nodes known a moment ago.
                _subscribers = await _grains.Reference<ILiveSubscribersGrain>(0).GetSubscribersAsync()
                    .WaitAsync(ListFetchTimeout).ConfigureAwait(false);
                _listFetchedAt = askedAt;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "The list of web nodes could not be read; live pushes go to the {Count} nodes known before", _subscribers.Count);
            }
        }

        // Each node on its own: one that is gone (its subscription not yet expired) never keeps an event from the others.
        foreach (var subscriber in _subscribers)
        {
            try
            {
                await (item switch
                {
                    CallPop pop => subscriber.OnCallAsync(pop),
                    OperatorPresence presence => subscriber.OnPresenceAsync(presence),
                    _ => subscriber.OnEventAsync((LiveEvent)item),
                }).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "A live push ({Kind}) was not delivered to a web node; its consoles catch up by sequence", item.GetType().Name);
            }
        }
    }
}
