namespace Inbox.Web.Live;

/// <summary>
/// A node's subscription, as a grain observer, to a registry grain that fans work or events out to every node: subscribed
/// at start, renewed every <see cref="RenewEvery"/> (the registry drops a node that stops renewing), unsubscribed at a clean stop.
/// Renewing often is what heals a subscription lost while the registry grain moved between silos (a node died, or
/// rejoined): a node is back on the list within one renewal.
/// The subclass is the observer and says how to subscribe.
/// </summary>
public abstract class ClusterSubscription<TObserver>(IGrainFactory grains, ILogger logger) : BackgroundService
    where TObserver : class, IGrainObserver
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);

    private TObserver? _reference;
    private volatile Task _heardEverywhere = new TaskCompletionSource().Task; // never completes: not subscribed yet

    /// <summary>What the node subscribes to, for the log: "live events", "work signals".</summary>
    protected abstract string Topic { get; }

    protected IGrainFactory Grains => grains;

    /// <summary>
    /// How long after its first subscription the node waits before it reports ready: the time until every publisher is
    /// sure to have it on its list of nodes. Nothing by default.
    /// </summary>
    protected virtual TimeSpan HeardEverywhereAfter => TimeSpan.Zero;

    /// <summary>
    /// Completes <see cref="HeardEverywhereAfter"/> after the first subscription: from then on every publisher has this node
    /// on its list. The node's start does not wait for it (the rest of the start goes on meanwhile); its readiness does.
    /// </summary>
    public Task HeardEverywhere => _heardEverywhere;

    /// <summary>Registers (or renews) <paramref name="reference"/> with the registry grain.</summary>
    protected abstract Task SubscribeAsync(TObserver reference);

    protected abstract Task UnsubscribeAsync(TObserver reference);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _reference = grains.CreateObjectReference<TObserver>((TObserver)(object)this);
        await SubscribeAsync(_reference);
        _heardEverywhere = Task.Delay(HeardEverywhereAfter, CancellationToken.None);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await SubscribeAsync(_reference!);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not renew this node's subscription to {Topic}; trying again in {Interval}", Topic, RenewEvery);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_reference is not null)
            {
                await UnsubscribeAsync(_reference);
                grains.DeleteObjectReference<TObserver>(_reference);
            }
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Unsubscribing from {Topic} at shutdown failed", Topic);
        }

        await base.StopAsync(cancellationToken);
    }
}
