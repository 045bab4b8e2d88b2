using Inbox.Domain.Live;

namespace Inbox.Silo.Live;

/// <summary>
/// Keeps the web nodes that want live events, in memory. A node renews its subscription every few seconds
/// (<see cref="SubscriptionLifetime"/> is several renewals long), so the list rebuilds itself after this grain moves.
/// </summary>
public sealed class LiveSubscribersGrain(TimeProvider clock) : Grain, ILiveSubscribersGrain
{
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromSeconds(20);

    private readonly Dictionary<ILiveEventObserver, DateTimeOffset> _subscribers = new();

    public Task SubscribeAsync(ILiveEventObserver observer)
    {
        _subscribers[observer] = clock.GetUtcNow();
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ILiveEventObserver observer)
    {
        _subscribers.Remove(observer);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ILiveEventObserver>> GetSubscribersAsync()
    {
        var oldest = clock.GetUtcNow() - SubscriptionLifetime;
        foreach (var stale in _subscribers.Where(s => s.Value < oldest).Select(s => s.Key).ToList())
        {
            _subscribers.Remove(stale);
        }

        return Task.FromResult<IReadOnlyList<ILiveEventObserver>>(_subscribers.Keys.ToList());
    }
}
