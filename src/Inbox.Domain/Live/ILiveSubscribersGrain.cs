namespace Inbox.Domain.Live;

/// <summary>
/// The list of web nodes that want live events (key 0). Each node renews its subscription periodically;
/// a node that stops renewing drops out. Conversations send their events to every node on the list.
/// </summary>
[Alias("Inbox.ILiveSubscribersGrain")]
public interface ILiveSubscribersGrain : IGrainWithIntegerKey
{
    [Alias("Subscribe")]
    Task SubscribeAsync(ILiveEventObserver observer);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(ILiveEventObserver observer);

    [Alias("GetSubscribers")]
    Task<IReadOnlyList<ILiveEventObserver>> GetSubscribersAsync();
}
