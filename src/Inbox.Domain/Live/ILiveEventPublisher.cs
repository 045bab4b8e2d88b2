namespace Inbox.Domain.Live;

/// <summary>Sends a committed event to every subscribed web node. Best effort: consoles catch up by sequence.</summary>
public interface ILiveEventPublisher
{
    void Publish(LiveEvent liveEvent);

    /// <summary>Sends a screen pop to every web node; each pushes it to the operators it concerns.</summary>
    void PublishCall(Calls.CallPop pop);

    /// <summary>Sends an operator's new presence to every web node; each pushes it to the supervisors connected there.</summary>
    void PublishPresence(Presence.OperatorPresence presence);
}
