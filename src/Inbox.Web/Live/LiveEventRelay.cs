using Inbox.Domain.Calls;
using Inbox.Domain.Live;
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
    ILogger<LiveEventRelay> logger) : BackgroundService, ILiveEventObserver
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(15);

    private ILiveEventObserver? _reference;

    public Task OnEventAsync(LiveEvent liveEvent)
    {
        var audience = connections.Audience(liveEvent);
        return audience.Count == 0 ? Task.CompletedTask : hub.Clients.Clients(audience).SendAsync(InboxHub.EventMethod, liveEvent);
    }

    public Task OnCallAsync(CallPop pop)
    {
        var audience = connections.Audience(pop);
        return audience.Count == 0 ? Task.CompletedTask : hub.Clients.Clients(audience).SendAsync(InboxHub.CallPopMethod, pop);
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _reference = grains.CreateObjectReference<ILiveEventObserver>(this);
        await grains.GetGrain<ILiveSubscribersGrain>(0).SubscribeAsync(_reference);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await grains.GetGrain<ILiveSubscribersGrain>(0).SubscribeAsync(_reference!);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not renew this node's live-event subscription; trying again in {Interval}", RenewEvery);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_reference is not null)
            {
                await grains.GetGrain<ILiveSubscribersGrain>(0).UnsubscribeAsync(_reference);
                grains.DeleteObjectReference<ILiveEventObserver>(_reference);
            }
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Unsubscribing from live events at shutdown failed");
        }

        await base.StopAsync(cancellationToken);
    }
}
