using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Presence;
using Inbox.Domain.Routing;
using Inbox.Domain.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Presence;

/// <summary>
/// One operator's presence. The console connections are kept in memory with the time their node last vouched for them
/// (connect or renewal); whether the operator counts as online, away, and since when are stored, so a grain that moves to
/// another silo after a crash still knows the operator was online and can put their work back in the queue if nobody
/// renews a connection within the grace. A timer runs only while something is due: a connection to expire or a grace to end.
/// </summary>
public sealed class OperatorPresenceGrain(
    [PersistentState("presence", InboxStorage.GrainStorageName)] IPersistentState<OperatorPresenceState> state,
    IOptions<RoutingOptions> options,
    IConversationQueries queries,
    IRoutingQueries routing,
    IOperatorStore operators,
    ITeamDirectory teams,
    ILiveEventPublisher publisher,
    TimeProvider clock,
    ILogger<OperatorPresenceGrain> logger) : Grain, IOperatorPresenceGrain
{
    private readonly Dictionary<string, (string Node, DateTimeOffset Seen)> _connections = new(StringComparer.Ordinal);
    private DateTimeOffset? _lastGoneAt;
    private IGrainTimer? _timer;

    private Guid OperatorId => this.GetPrimaryKey();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Online)
        {
            // Online before this activation: the nodes renew their connections within the grace, or the operator goes offline.
            _lastGoneAt = clock.GetUtcNow();
            EnsureTimer();
        }

        return Task.CompletedTask;
    }

    public Task<OperatorPresence> GetAsync() => Task.FromResult(Current());

    public async Task<OperatorPresence> ConnectAsync(string node, string connectionId)
    {
        var hadConsole = _connections.Count > 0;
        _connections[connectionId] = (node, clock.GetUtcNow());
        await ComeOnlineAsync();
        if (!hadConsole)
        {
            await WakeTeamsAsync(); // without a console they were offered nothing, even within the grace
        }

        return Current();
    }

    public Task<OperatorPresence> DisconnectAsync(string connectionId)
    {
        if (_connections.Remove(connectionId) && _connections.Count == 0)
        {
            _lastGoneAt = clock.GetUtcNow();
            EnsureTimer();
        }

        return Task.FromResult(Current());
    }

    public async Task RenewAsync(string node, IReadOnlyList<string> connectionIds)
    {
        var now = clock.GetUtcNow();
        foreach (var gone in _connections.Where(c => c.Value.Node == node && !connectionIds.Contains(c.Key)).Select(c => c.Key).ToList())
        {
            _connections.Remove(gone);
        }

        var hadConsole = _connections.Count > 0;
        foreach (var id in connectionIds)
        {
            _connections[id] = (node, now);
        }

        if (!hadConsole && _connections.Count > 0)
        {
            await WakeTeamsAsync();
        }

        if (_connections.Count > 0)
        {
            await ComeOnlineAsync();
        }
        else if (state.State.Online)
        {
            _lastGoneAt ??= now;
            EnsureTimer();
        }
    }

    public async Task<OperatorPresence> SetAwayAsync(bool away)
    {
        if (state.State.Away != away)
        {
            state.State.Away = away;
            if (state.State.Online)
            {
                state.State.Since = clock.GetUtcNow();
            }

            await state.WriteStateAsync();
            Changed();
            if (!away)
            {
                await WakeTeamsAsync();
            }
        }

        return Current();
    }

    public async Task<OfferOutcome> OfferAsync(Guid conversationId, string team)
    {
        if (!state.State.Online || state.State.Away || _connections.Count == 0)
        {
            return OfferOutcome.OperatorUnavailable;
        }

        var account = await operators.GetAsync(OperatorId);
        if (account is null || account.Disabled || await routing.CountAssignedAsync(OperatorId) >= (account.Capacity ?? options.Value.DefaultCapacity))
        {
            return OfferOutcome.OperatorUnavailable;
        }

        return await GrainFactory.Reference<IConversationGrain>(conversationId).AutoAssignAsync(OperatorId, team)
            ? OfferOutcome.Taken
            : OfferOutcome.NotWaiting;
    }

    public async Task WakeTeamsAsync()
    {
        IReadOnlyList<Team> all;
        try
        {
            all = await teams.ListAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not read the teams of operator {OperatorId} to offer them work; the periodic sweep will", OperatorId);
            return;
        }

        foreach (var team in all.Where(t => t.AutoAssign && t.Members.Contains(OperatorId)))
        {
            GrainFactory.Reference<ITeamQueueGrain>(TeamKeys.Normalize(team.Key)).WakeAsync().Ignore();
        }
    }

    private async Task ComeOnlineAsync()
    {
        _lastGoneAt = null;
        EnsureTimer();
        if (!state.State.Online)
        {
            state.State.Online = true;
            state.State.Since = clock.GetUtcNow();
            await state.WriteStateAsync();
            logger.LogInformation("Operator {OperatorId} is online", OperatorId);
            Changed();
        }
    }

    /// <summary>Drops connections no node renewed in time; ends the grace of an operator with none left.</summary>
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var expired = _connections.Where(c => now - c.Value.Seen > settings.ConnectionLifetime).Select(c => c.Key).ToList();
        foreach (var id in expired)
        {
            logger.LogInformation("Console connection {ConnectionId} of operator {OperatorId} expired: its node stopped renewing it", id, OperatorId);
            _connections.Remove(id);
        }

        if (_connections.Count > 0)
        {
            return;
        }

        if (!state.State.Online)
        {
            StopTimer();
            return;
        }

        _lastGoneAt ??= now;
        if (now - _lastGoneAt.Value >= settings.OfflineGrace)
        {
            StopTimer();
            await GoOfflineAsync(now);
        }
    }

    /// <summary>
    /// Marks the operator offline (and no longer away: the next console starts available), tells the supervisors, then puts
    /// each of their unanswered conversations back in the queue, in the queue's order. A conversation that cannot be put back
    /// now stays assigned (nothing is lost) and is logged.
    /// </summary>
    private async Task GoOfflineAsync(DateTimeOffset now)
    {
        state.State.Online = false;
        state.State.Away = false;
        state.State.Since = now;
        _lastGoneAt = null;
        await state.WriteStateAsync();
        logger.LogInformation("Operator {OperatorId} is offline: no console for {Grace}", OperatorId, options.Value.OfflineGrace);
        Changed();

        IReadOnlyList<ConversationSnapshot> unanswered;
        try
        {
            unanswered = await queries.ListUnansweredAsync(OperatorId);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not list the unanswered conversations of operator {OperatorId}, who went offline; they stay assigned", OperatorId);
            return;
        }

        foreach (var conversation in unanswered)
        {
            try
            {
                await GrainFactory.Reference<IConversationGrain>(conversation.ConversationId).RequeueFromAsync(OperatorId);
                logger.LogInformation("Conversation {ConversationId} is back in the queue: operator {OperatorId} went offline without answering",
                    conversation.ConversationId, OperatorId);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not put conversation {ConversationId} of offline operator {OperatorId} back in the queue; it stays assigned",
                    conversation.ConversationId, OperatorId);
            }
        }
    }

    private void EnsureTimer()
    {
        if (_timer is not null)
        {
            return;
        }

        var settings = options.Value;
        var shortest = settings.OfflineGrace < settings.ConnectionLifetime ? settings.OfflineGrace : settings.ConnectionLifetime;
        var period = TimeSpan.FromTicks(Math.Clamp(shortest.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(5).Ticks));
        _timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
    }

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private void Changed() => publisher.PublishPresence(Current());

    private OperatorPresence Current()
    {
        var presence = !state.State.Online ? PresenceState.Offline : state.State.Away ? PresenceState.Away : PresenceState.Online;
        return new OperatorPresence(OperatorId, presence, state.State.Since, _connections.Count);
    }
}
