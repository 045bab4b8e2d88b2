using Inbox.Domain;
using Inbox.Domain.Live;

namespace Inbox.Web.Live;

/// <summary>
/// Tells each conversation's <see cref="IConversationViewersGrain"/> which consoles connected to this node have it open: at
/// once when one opens or leaves it, or types in it, and every <see cref="RenewEvery"/> for all of them, so the grain drops
/// this node's consoles when the node dies without saying so. Failures are logged, never thrown at the console: who
/// views a conversation is a hint, not a record.
/// </summary>
public sealed class ViewerReporter(IGrainFactory grains, ConsoleConnections connections, PresenceReporter presence,
    ILogger<ViewerReporter> logger) : BackgroundService
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);

    private string Node => presence.Node;

    public async Task<ConversationViewers> ViewAsync(Guid conversationId, string connectionId, Guid operatorId, string name)
    {
        try
        {
            return await grains.Reference<IConversationViewersGrain>(conversationId).ViewAsync(Node, connectionId, operatorId, name);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not report that console {ConnectionId} views conversation {ConversationId}", connectionId, conversationId);
            return new ConversationViewers(conversationId, [], 0);
        }
    }

    public async Task LeaveAsync(Guid conversationId, string connectionId)
    {
        try
        {
            await grains.Reference<IConversationViewersGrain>(conversationId).LeaveAsync(connectionId);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not report that console {ConnectionId} left conversation {ConversationId}; it expires unrenewed", connectionId, conversationId);
        }
    }

    public async Task TypingAsync(Guid conversationId, string connectionId)
    {
        try
        {
            await grains.Reference<IConversationViewersGrain>(conversationId).TypingAsync(connectionId);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Could not pass on that console {ConnectionId} types in conversation {ConversationId}", connectionId, conversationId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewEvery);
        var renewedBefore = new HashSet<Guid>();
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var viewing = connections.All().Where(c => c.Viewing is not null).GroupBy(c => c.Viewing!.Value)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(c => c.ConnectionId).ToList());
            // A conversation no console here views any more (one closed without a leave, by the session sweeper) is
            // renewed once with none, which drops this node's consoles from it.
            foreach (var left in renewedBefore.Where(id => !viewing.ContainsKey(id)))
            {
                viewing[left] = [];
            }

            renewedBefore = viewing.Where(v => v.Value.Count > 0).Select(v => v.Key).ToHashSet();
            foreach (var (conversationId, connectionIds) in viewing)
            {
                try
                {
                    await grains.Reference<IConversationViewersGrain>(conversationId).RenewAsync(Node, connectionIds);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Could not renew the consoles viewing conversation {ConversationId}; trying again in {Interval}", conversationId, RenewEvery);
                }
            }
        }
    }
}
