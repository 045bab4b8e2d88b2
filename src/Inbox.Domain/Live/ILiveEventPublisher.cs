namespace Inbox.Domain.Live;

/// <summary>Sends a committed event to every subscribed web node. Best effort: consoles catch up by sequence.</summary>
public interface ILiveEventPublisher
{
    void Publish(LiveEvent liveEvent);
}
