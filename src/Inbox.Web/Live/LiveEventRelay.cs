using Inbox.Domain;
using Inbox.Domain.Calls;
using Inbox.Domain.Live;
using Inbox.Domain.Presence;
using Inbox.Silo.Customers;
using Inbox.Silo.Live;
using Inbox.Web.Reports;
using Microsoft.AspNetCore.SignalR;

namespace Inbox.Web.Live;

/// <summary>
/// This node's subscription to live events: it registers itself with <see cref="ILiveSubscribersGrain"/> (renewing
/// every few seconds, so a cluster of web nodes all hear every conversation) and pushes each event to the consoles
/// connected here that it concerns.
/// </summary>
public sealed class LiveEventRelay(
    IGrainFactory grains,
    IHubContext<InboxHub> hub,
    ConsoleConnections connections,
    ReportsPusher reports,
    KnownSenders knownSenders,
    ILogger<LiveEventRelay> logger) : ClusterSubscription<ILiveEventObserver>(grains, logger), ILiveEventObserver
{
    public Task OnEventAsync(LiveEvent liveEvent)
    {
        reports.Changed();
        if (liveEvent.Type == LiveEventTypes.ConversationMerged)
        {
            knownSenders.Forget(); // a merge or a split anywhere: identities may have changed owners
        }

        var audience = connections.Audience(liveEvent);
        return audience.Count == 0 ? Task.CompletedTask : hub.Clients.Clients(audience).SendAsync(InboxHub.EventMethod, liveEvent);
    }

    public Task OnCallAsync(CallPop pop)
    {
        var audience = connections.Audience(pop);
        return audience.Count == 0 ? Task.CompletedTask : hub.Clients.Clients(audience).SendAsync(InboxHub.CallPopMethod, pop);
    }

    public Task OnPresenceAsync(OperatorPresence presence)
    {
        reports.Changed();
        var audience = connections.Supervisors();
        return audience.Count == 0 ? Task.CompletedTask : hub.Clients.Clients(audience).SendAsync(InboxHub.PresenceMethod, presence);
    }

    /// <summary>Who views a conversation changed: to the consoles here that have it open.</summary>
    public Task OnViewersAsync(ConversationViewers viewers)
    {
        var audience = connections.Viewing(viewers.ConversationId);
        return audience.Count == 0 ? Task.CompletedTask : hub.Clients.Clients(audience).SendAsync(InboxHub.ViewersMethod, viewers);
    }

    protected override string Topic => "live events";

    /// <summary>A console on a node that just started must not miss an event because a silo still used an older list of nodes.</summary>
    protected override TimeSpan HeardEverywhereAfter => LiveEventPublisher.SubscriberListLifetime;

    protected override Task SubscribeAsync(ILiveEventObserver reference) => Grains.Reference<ILiveSubscribersGrain>(0).SubscribeAsync(reference);

    protected override Task UnsubscribeAsync(ILiveEventObserver reference) => Grains.Reference<ILiveSubscribersGrain>(0).UnsubscribeAsync(reference);
}
