using Orleans.Concurrency;

namespace Inbox.Domain.Live;

/// <summary>A web node that pushes live events to the operators connected to it.</summary>
[Alias("Inbox.ILiveEventObserver")]
public interface ILiveEventObserver : IGrainObserver
{
    [OneWay, Alias("OnEvent")]
    Task OnEventAsync(LiveEvent liveEvent);

    [OneWay, Alias("OnCall")]
    Task OnCallAsync(Calls.CallPop pop);

    /// <summary>An operator came online, went away or offline: for the supervisors' consoles.</summary>
    [OneWay, Alias("OnPresence")]
    Task OnPresenceAsync(Presence.OperatorPresence presence);

    /// <summary>Who has a conversation open, or is typing in it, changed: for the consoles that have it open.</summary>
    [OneWay, Alias("OnViewers")]
    Task OnViewersAsync(ConversationViewers viewers);
}
