using Inbox.Domain;
using Inbox.Domain.Presence;
using Inbox.Domain.Storage;
using Inbox.Silo.Presence;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Live;

/// <summary>
/// Tells each operator's <see cref="IOperatorPresenceGrain"/> about the consoles connected to this node: at once when one
/// connects or drops, and every <see cref="RoutingOptions.RenewInterval"/> for all of them, so the grain drops this node's
/// connections when the node dies without closing them. At start it looks at every operator's presence once (see
/// <see cref="WakeAllAsync"/>).
/// </summary>
public sealed class PresenceReporter(IGrainFactory grains, ConsoleConnections connections, IOperatorStore operators, IOptions<RoutingOptions> options,
    ILogger<PresenceReporter> logger) : BackgroundService
{
    /// <summary>This node, for the grains: a new name each start, so a restarted node never renews its old connections.</summary>
    public string Node { get; } = $"{Environment.MachineName}/{Guid.NewGuid():N}";

    /// <summary>
    /// Activates every operator's presence grain once at start: one stored as online whose nodes all stopped (the whole
    /// cluster restarted) then counts down its grace and requeues their work, instead of waiting for someone to ask.
    /// </summary>
    private async Task WakeAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var account in await operators.ListAsync(cancellationToken))
            {
                await grains.Reference<IOperatorPresenceGrain>(account.OperatorId).GetAsync();
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not look at the operators' presence at start; each is checked when next asked");
        }
    }

    public async Task ConnectedAsync(Guid operatorId, string connectionId)
    {
        try
        {
            await grains.Reference<IOperatorPresenceGrain>(operatorId).ConnectAsync(Node, connectionId);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not report console connection {ConnectionId} of operator {OperatorId}; the next renewal will", connectionId, operatorId);
        }
    }

    public async Task DisconnectedAsync(Guid operatorId, string connectionId)
    {
        try
        {
            await grains.Reference<IOperatorPresenceGrain>(operatorId).DisconnectAsync(connectionId);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not report the end of console connection {ConnectionId} of operator {OperatorId}; it expires unrenewed", connectionId, operatorId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WakeAllAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.RenewInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            foreach (var group in connections.All().GroupBy(c => c.OperatorId))
            {
                try
                {
                    await grains.Reference<IOperatorPresenceGrain>(group.Key).RenewAsync(Node, group.Select(c => c.ConnectionId).ToList());
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Could not renew the console connections of operator {OperatorId}; trying again in {Interval}", group.Key, options.Value.RenewInterval);
                }
            }
        }
    }
}
