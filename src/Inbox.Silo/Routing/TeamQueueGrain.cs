using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Presence;
using Inbox.Domain.Routing;
using Inbox.Domain.Storage;
using Inbox.Silo.Presence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Routing;

/// <summary>
/// Automatic assignment of one team's queue. Woken when something may allow an assignment, it walks the queue in its order
/// (possible victims first, then the longest wait) and offers each conversation to the team's least-loaded available
/// member, round robin among equals. The member's presence grain checks their room and the conversation grain that it
/// still waits, so the decision holds even when another node's grains act at the same moment. The grain keeps nothing
/// durable: the queue is the store's, and who was assigned last only breaks ties.
/// </summary>
public sealed class TeamQueueGrain(
    CachedTeamStore teams,
    IRoutingQueries routing,
    IConversationQueries conversations,
    IOperatorStore operators,
    IOptions<RoutingOptions> options,
    TimeProvider clock,
    ILogger<TeamQueueGrain> logger) : Grain, ITeamQueueGrain
{
    /// <summary>How many of the queue's first conversations one pass looks at.</summary>
    private const int PassSize = 100;

    private readonly Dictionary<Guid, DateTimeOffset> _lastAssigned = [];
    private readonly Dictionary<Guid, (Guid OperatorId, DateTimeOffset Until)> _letExpire = [];

    /// <summary>
    /// How long after a pass that found no member with room a conversation entering the queue starts no pass: a burst of
    /// new conversations at night costs a pass a second, not one per conversation, each asking every member's presence.
    /// </summary>
    private static readonly TimeSpan NoRoomHold = TimeSpan.FromSeconds(1);

    private bool _passRunning;
    private bool _wokenDuringPass;
    private bool _queuedDuringPass;

    /// <summary>When the last pass found no member with room (null: it found some, or it ended otherwise).</summary>
    private DateTimeOffset? _nobodyHadRoomAt;

    private string Key => this.GetPrimaryKeyString();

    /// <summary>
    /// Starts a pass unless one is running; a wake during a pass asks for one more pass after it, so a burst of wakes (a
    /// thousand new conversations in a second) costs a few passes, not a thousand, and nothing that woke it is missed. A
    /// conversation that entered the queue during a pass asks for one more only when that pass found a member with room.
    /// </summary>
    public Task WakeAsync()
    {
        if (_passRunning)
        {
            _wokenDuringPass = true;
            return Task.CompletedTask;
        }

        _passRunning = true;
        RunPassesAsync().Ignore();
        return Task.CompletedTask;
    }

    public Task ConversationQueuedAsync()
    {
        if (_passRunning)
        {
            _queuedDuringPass = true;
            return Task.CompletedTask;
        }

        return NobodyHadRoomLately ? Task.CompletedTask : WakeAsync();
    }

    private bool NobodyHadRoomLately => _nobodyHadRoomAt is { } at && clock.GetUtcNow() - at < NoRoomHold;

    private async Task RunPassesAsync()
    {
        try
        {
            do
            {
                _wokenDuringPass = false;
                _queuedDuringPass = false;
                _nobodyHadRoomAt = null;
                try
                {
                    await AssignAsync();
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Automatic assignment of team {Team}'s queue failed; the next wake or sweep tries again", Key);
                }
            }
            while (_wokenDuringPass || (_queuedDuringPass && !NobodyHadRoomLately));
        }
        finally
        {
            _passRunning = false;
        }
    }

    public async Task ExpireAsync(Guid conversationId, Guid operatorId)
    {
        var now = clock.GetUtcNow();
        var timeout = options.Value.AcceptTimeout;
        if (timeout > TimeSpan.Zero
            && await GrainFactory.Reference<IConversationGrain>(conversationId).ExpireAssignmentAsync(operatorId, now - timeout))
        {
            // Offered to the others first; back to this operator only when nobody else took it for another timeout.
            _letExpire[conversationId] = (operatorId, now + timeout);
            logger.LogInformation("Conversation {ConversationId} is back in team {Team}'s queue: operator {OperatorId} did not open it within {Timeout}",
                conversationId, Key, operatorId, timeout);
        }
    }

    private async Task AssignAsync()
    {
        var team = (await teams.ForRoutingAsync()).Find(Key);
        if (team is not { AutoAssign: true } || team.Members.Count == 0)
        {
            return;
        }

        // Who could take work first: with nobody available (the night, or every member at capacity) the queue is not read.
        var candidates = await CandidatesAsync(team);
        if (!candidates.Any(c => c.HasRoom))
        {
            _nobodyHadRoomAt = clock.GetUtcNow();
            return;
        }

        var queue = await routing.ListQueuedAsync(team.Key, PassSize);
        var now = clock.GetUtcNow();
        foreach (var expired in _letExpire.Where(e => e.Value.Until <= now).Select(e => e.Key).ToList())
        {
            _letExpire.Remove(expired);
        }

        foreach (var conversation in queue)
        {
            if (!candidates.Any(c => c.HasRoom))
            {
                return;
            }

            foreach (var candidate in Preferred(candidates, conversation.ConversationId))
            {
                var outcome = await GrainFactory.Reference<IOperatorPresenceGrain>(candidate.OperatorId).OfferAsync(conversation.ConversationId, team.Key);
                if (outcome == OfferOutcome.Taken)
                {
                    candidate.Load++;
                    _lastAssigned[candidate.OperatorId] = clock.GetUtcNow();
                    _letExpire.Remove(conversation.ConversationId);
                    break;
                }

                if (outcome == OfferOutcome.NotWaiting)
                {
                    break; // taken by hand or moved meanwhile: on to the next conversation
                }

                candidate.Unavailable = true; // busy after all (or away now): not offered again in this pass
            }
        }
    }

    /// <summary>The members who may take this conversation: the least loaded first, then the one assigned longest ago (round robin).</summary>
    private IEnumerable<Candidate> Preferred(List<Candidate> candidates, Guid conversationId)
    {
        var letExpire = _letExpire.TryGetValue(conversationId, out var entry) ? entry.OperatorId : (Guid?)null;
        return candidates
            .Where(c => c.HasRoom && c.OperatorId != letExpire)
            .OrderBy(c => c.Load)
            .ThenBy(c => _lastAssigned.GetValueOrDefault(c.OperatorId, DateTimeOffset.MinValue))
            .ThenBy(c => c.Order)
            .ToList();
    }

    /// <summary>The team's members who are online with a console and not away, with their load and capacity now.</summary>
    private async Task<List<Candidate>> CandidatesAsync(Team team)
    {
        var presences = await Task.WhenAll(team.Members.Select(m => GrainFactory.Reference<IOperatorPresenceGrain>(m).GetAsync()));
        var available = presences.Where(p => p.State == PresenceState.Online && p.Connections > 0).Select(p => p.OperatorId).ToHashSet();
        if (available.Count == 0)
        {
            return [];
        }

        var loads = await conversations.CountAssignedAsync();
        var accounts = (await operators.ListAsync()).Where(a => !a.Disabled).ToDictionary(a => a.OperatorId);
        return team.Members
            .Select((id, order) => (id, order))
            .Where(m => available.Contains(m.id) && accounts.ContainsKey(m.id))
            .Select(m => new Candidate(m.id, m.order, loads.GetValueOrDefault(m.id), accounts[m.id].Capacity ?? options.Value.DefaultCapacity))
            .ToList();
    }

    private sealed class Candidate(Guid operatorId, int order, int load, int capacity)
    {
        public Guid OperatorId { get; } = operatorId;

        public int Order { get; } = order;

        public int Load { get; set; } = load;

        public bool Unavailable { get; set; }

        public bool HasRoom => !Unavailable && Load < capacity;
    }
}
