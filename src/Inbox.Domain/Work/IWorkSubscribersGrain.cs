namespace Inbox.Domain.Work;

/// <summary>
/// The nodes that can run the bot or deliver the outbox (key 0), wherever the grains that ask for the work live.
/// Each node renews its subscription periodically; a node that stops renewing drops out.
/// </summary>
[Alias("Inbox.IWorkSubscribersGrain")]
public interface IWorkSubscribersGrain : IGrainWithIntegerKey
{
    [Alias("Subscribe")]
    Task SubscribeAsync(IWorkObserver observer, WorkCapabilities capabilities);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(IWorkObserver observer);

    [Alias("GetSubscribers")]
    Task<WorkSubscribers> GetSubscribersAsync();
}
