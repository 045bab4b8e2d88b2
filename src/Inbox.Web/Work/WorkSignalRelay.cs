using Inbox.Domain.Work;
using Inbox.Web.Bot;
using Inbox.Web.Outbox;

namespace Inbox.Web.Work;

/// <summary>
/// This node's subscription to work signals: it registers with <see cref="IWorkSubscribersGrain"/> as a node that delivers
/// the outbox (and runs the bot, when <see cref="BotRunner"/> is on here), renewing every few seconds, and hands each signal
/// to the dispatcher or the bot of this node. The grain that asks may live on any silo of the cluster.
/// </summary>
public sealed class WorkSignalRelay(
    IGrainFactory grains,
    OutboxSignal outbox,
    ILogger<WorkSignalRelay> logger,
    BotRunner? bot = null) : BackgroundService, IWorkObserver
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(15);

    private IWorkObserver? _reference;

    private WorkCapabilities Capabilities => new(RunsBot: bot is not null, DeliversOutbox: true);

    public Task RunBotAsync(Guid conversationId, Guid inboundMessageId)
    {
        bot?.Trigger(conversationId, inboundMessageId);
        return Task.CompletedTask;
    }

    public Task DeliverOutboxAsync()
    {
        outbox.Notify();
        return Task.CompletedTask;
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _reference = grains.CreateObjectReference<IWorkObserver>(this);
        await grains.GetGrain<IWorkSubscribersGrain>(0).SubscribeAsync(_reference, Capabilities);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await grains.GetGrain<IWorkSubscribersGrain>(0).SubscribeAsync(_reference!, Capabilities);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not renew this node's work subscription; trying again in {Interval}", RenewEvery);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_reference is not null)
            {
                await grains.GetGrain<IWorkSubscribersGrain>(0).UnsubscribeAsync(_reference);
                grains.DeleteObjectReference<IWorkObserver>(_reference);
            }
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Unsubscribing from work signals at shutdown failed");
        }

        await base.StopAsync(cancellationToken);
    }
}
