using Inbox.Domain;
using Inbox.Connectors.Leases;
using Inbox.Domain.Conversations;
using Inbox.Domain.Sla;
using Inbox.Domain.Storage;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Sla;

/// <summary>
/// Wakes the conversations whose SLA clocks reach a moment (the 80% warning, the due time), on one node of the cluster at
/// a time (the lease <see cref="LeaseName"/>, <see cref="ClusterSingleton"/>). It sleeps until the earliest next moment in
/// <c>sla_clocks</c>, at most <see cref="SlaOptions.CheckInterval"/> (to see clocks other nodes started meanwhile), then asks
/// each due conversation's grain to record what it reached; the grain records each moment once, so a second watcher (a lease
/// handed over mid-round) or a restart changes nothing. After a restart the clocks are read from the store as they were.
/// </summary>
public sealed class SlaWatcher(
    IGrainFactory grains,
    ISlaStore store,
    ClusterSingleton singleton,
    IOptions<SlaOptions> options,
    TimeProvider clock,
    ILogger<SlaWatcher> logger) : BackgroundService
{
    public const string LeaseName = "sla-clocks";

    /// <summary>Conversations woken per round, the earliest first.</summary>
    private const int BatchSize = 100;

    /// <summary>The longest wait while a due conversation recorded nothing (its node's clock is a little behind, or it failed).</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => singleton.RunAsync(LeaseName, WatchAsync, stoppingToken);

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("SLA watcher started: checking every {Interval} at the longest", options.Value.CheckInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.CheckInterval;
            try
            {
                var due = await store.DueConversationsAsync(clock.GetUtcNow(), BatchSize, stoppingToken);
                var recorded = 0;
                foreach (var conversationId in due)
                {
                    try
                    {
                        recorded += await grains.Reference<IConversationGrain>(conversationId).RecordSlaDueAsync();
                    }
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                    {
                        logger.LogWarning(ex, "Could not record the SLA moments of conversation {ConversationId}; trying again", conversationId);
                    }
                }

                if (due.Count == BatchSize && recorded > 0)
                {
                    continue; // more are due
                }

                if (await store.NextDueAsync(stoppingToken) is { } next)
                {
                    var until = next - clock.GetUtcNow();
                    wait = until <= TimeSpan.Zero ? (recorded > 0 ? TimeSpan.Zero : RetryDelay) : until < wait ? until : wait;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The SLA watcher could not read the clocks; trying again in {Interval}", wait);
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
        }
    }
}
