using Inbox.Domain;
using Inbox.Domain.Work;
using Inbox.Web.Bot;
using Inbox.Web.Live;
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
    BotRunner? bot = null) : ClusterSubscription<IWorkObserver>(grains, logger), IWorkObserver
{
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

    protected override string Topic => "work signals";

    protected override Task SubscribeAsync(IWorkObserver reference) => Grains.Reference<IWorkSubscribersGrain>(0).SubscribeAsync(reference, Capabilities);

    protected override Task UnsubscribeAsync(IWorkObserver reference) => Grains.Reference<IWorkSubscribersGrain>(0).UnsubscribeAsync(reference);
}
