using Inbox.Domain.Work;

namespace Inbox.Silo.Work;

/// <summary>
/// Keeps the nodes that can run the bot or deliver the outbox, in memory. A node renews its subscription every few seconds
/// (<see cref="SubscriptionLifetime"/> is several renewals long), so the list rebuilds itself after this grain moves.
/// </summary>
public sealed class WorkSubscribersGrain(TimeProvider clock) : Grain, IWorkSubscribersGrain
{
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromSeconds(20);

    private readonly Dictionary<IWorkObserver, (WorkCapabilities Capabilities, DateTimeOffset RenewedAt)> _subscribers = new();

    public Task SubscribeAsync(IWorkObserver observer, WorkCapabilities capabilities)
    {
        _subscribers[observer] = (capabilities, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IWorkObserver observer)
    {
        _subscribers.Remove(observer);
        return Task.CompletedTask;
    }

    public Task<WorkSubscribers> GetSubscribersAsync()
    {
        var oldest = clock.GetUtcNow() - SubscriptionLifetime;
        foreach (var stale in _subscribers.Where(s => s.Value.RenewedAt < oldest).Select(s => s.Key).ToList())
        {
            _subscribers.Remove(stale);
        }

        return Task.FromResult(new WorkSubscribers(
            _subscribers.Where(s => s.Value.Capabilities.RunsBot).Select(s => s.Key).ToList(),
            _subscribers.Where(s => s.Value.Capabilities.DeliversOutbox).Select(s => s.Key).ToList()));
    }
}
