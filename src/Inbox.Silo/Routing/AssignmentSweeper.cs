using Inbox.Domain;
using Inbox.Domain.Routing;
using Inbox.Silo.Presence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Routing;

/// <summary>
/// On every node, every <c>Routing:SweepInterval</c>: hands the assignments nobody opened within <c>Routing:AcceptTimeout</c>
/// to their team's queue grain to expire, and wakes every auto-assigned team's queue. Queues are woken as things happen;
/// this catches a wake lost with a node and a restart (nothing else would wake a queue that waits in the store). Both steps
/// are safe to run on several nodes at once: the grains decide.
/// </summary>
public sealed class AssignmentSweeper(
    IGrainFactory grains,
    ITeamDirectory teams,
    IRoutingQueries routing,
    IOptions<RoutingOptions> options,
    TimeProvider clock,
    ILogger<AssignmentSweeper> logger) : BackgroundService
{
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The routing sweep failed; it runs again in {Interval}", options.Value.SweepInterval);
            }
        }
    }

    /// <summary>One sweep: expire what was not opened in time, then wake the queues.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var timeout = options.Value.AcceptTimeout;
        if (timeout > TimeSpan.Zero)
        {
            foreach (var conversation in await routing.ListUnopenedAsync(clock.GetUtcNow() - timeout, BatchSize, cancellationToken))
            {
                if (conversation is { Team: { } team, AssigneeId: { } assignee })
                {
                    await grains.Reference<ITeamQueueGrain>(TeamKeys.Normalize(team)).ExpireAsync(conversation.ConversationId, assignee);
                }
            }
        }

        foreach (var team in await teams.ListAsync(cancellationToken))
        {
            if (team.AutoAssign)
            {
                await grains.Reference<ITeamQueueGrain>(TeamKeys.Normalize(team.Key)).WakeAsync();
            }
        }
    }
}
