using System.Globalization;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;

namespace Inbox.Domain.Reports;

/// <summary>
/// Folds the store's events, oldest first, into episodes (docs/reports.md): a pure function of the events, so the figures are
/// the same after a restart and on every node. A merge moves the absorbed customer's open episode into the survivor's (one
/// episode when both were open), so it is neither lost nor counted twice; a reopen by an operator continues the last episode.
/// </summary>
public sealed class EpisodeFold
{
    /// <summary>The author name of the bot's replies (<c>ConversationGrain.BotAuthor</c>).</summary>
    public const string BotAuthor = "bot";

    private readonly Dictionary<Guid, State> _conversations = [];
    private readonly List<Episode> _episodes = [];

    /// <summary>Every episode seen, in the order they started (merged-away ones are inside their survivor's).</summary>
    public IReadOnlyList<Episode> Episodes => _episodes;

    /// <summary>Folds the events in the order the store keeps them: by time, then conversation and sequence.</summary>
    public static EpisodeFold Of(IEnumerable<LiveEvent> events)
    {
        var fold = new EpisodeFold();
        foreach (var e in events.OrderBy(e => e.OccurredAt).ThenBy(e => e.ConversationId).ThenBy(e => e.Sequence))
        {
            fold.Apply(e);
        }

        return fold;
    }

    public void Apply(LiveEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var state = StateOf(e.ConversationId);
        if (!state.Seen.Add(e.Sequence))
        {
            return; // seen already
        }

        var snapshot = e.Conversation;
        var message = e.Message;
        var at = e.OccurredAt;
        var created = e.Type is LiveEventTypes.MessageCreated or LiveEventTypes.TakenOver || (e.Type == LiveEventTypes.CallUpdated && message?.Sequence == e.Sequence);
        var wasResolved = state.Status == ConversationStatus.Resolved;
        state.Status = snapshot.Status;

        if (created && message is { Kind: MessageKind.Inbound or MessageKind.CallEvent, Automated: false })
        {
            if (state.Open is null && snapshot.Status != ConversationStatus.Resolved && snapshot.MergedInto is null)
            {
                state.Open = new Episode(e.ConversationId, at, message.Channel);
                _episodes.Add(state.Open);
            }

            if (state.Open is { } episode)
            {
                episode.LastInboundAt = at;
            }
        }
        else if (state.Open is null && wasResolved && snapshot.Status != ConversationStatus.Resolved && snapshot.MergedInto is null
            && e.Type == LiveEventTypes.ConversationChanged && state.Last is { ResolvedAt: not null } last && last.ConversationId == e.ConversationId)
        {
            // reopened by an operator: the last episode goes on
            last.ResolvedAt = null;
            last.ResolvedBy = null;
            state.Open = last;
        }

        if (state.Open is { } open)
        {
            Track(open, e, created);
        }
        else if (created && message is { Kind: MessageKind.Event } item && Action(item) == TimelineActions.CsatRated && state.Last is { } rated)
        {
            AddRating(rated, item);
        }

        if (state.Open is { } current && snapshot.MergedInto is { } survivor && survivor != e.ConversationId)
        {
            MoveInto(StateOf(survivor), current, survivor);
            state.Open = null;
        }
        else if (state.Open is { } resolved && snapshot.Status == ConversationStatus.Resolved)
        {
            resolved.ResolvedAt = at;
            resolved.ResolvedBy = message is { Kind: MessageKind.Event } by && Action(by) == TimelineActions.Resolve
                && Guid.TryParse(by.Metadata!.GetValueOrDefault("byOperatorId"), out var byOperator) ? byOperator : snapshot.AssigneeId;
            state.Last = resolved;
            state.Open = null;
        }
    }

    private void MoveInto(State survivor, Episode moving, Guid survivorId)
    {
        moving.ConversationId = survivorId;
        if (survivor.Open is { } open)
        {
            open.Absorb(moving);
            _episodes.Remove(moving);
        }
        else
        {
            survivor.Open = moving;
        }
    }

    private static void Track(Episode episode, LiveEvent e, bool created)
    {
        var snapshot = e.Conversation;
        var message = e.Message;
        if (e.Type == LiveEventTypes.BotDecision && message?.BotDecision is { } decision)
        {
            episode.BotAnswered = true;
            episode.Intent ??= decision.Intent;
        }

        if (created && message is { Kind: MessageKind.Outbound } reply)
        {
            if (reply.OperatorId is { } operatorId)
            {
                if (episode.FirstOperatorReplyAt is null)
                {
                    episode.FirstOperatorReplyAt = e.OccurredAt;
                    episode.FirstOperatorId = operatorId;
                }
            }
            else if (reply.AuthorName == BotAuthor)
            {
                episode.BotAnswered = true;
            }
        }

        if (created && message is { Kind: MessageKind.Event } item)
        {
            switch (Action(item))
            {
                case TimelineActions.SlaAtRisk or TimelineActions.SlaBreached when item.Metadata!.GetValueOrDefault("target") is { Length: > 0 } target:
                    var due = DateTimeOffset.TryParse(item.Metadata!.GetValueOrDefault("dueAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : (DateTimeOffset?)null;
                    episode.Sla.Add(new SlaMark(target, Action(item) == TimelineActions.SlaBreached, e.OccurredAt, due));
                    break;
                case TimelineActions.CsatRated:
                    AddRating(episode, item);
                    break;
            }
        }

        if (snapshot.Handoff is { } handoff && episode.Handoff is null && handoff.At >= episode.StartedAt.AddMinutes(-1))
        {
            episode.Handoff = handoff;
            episode.Intent ??= handoff.Intent;
        }

        if (episode.QueuedAt is null)
        {
            if (snapshot.QueuedAt is { } queuedAt && queuedAt >= episode.StartedAt)
            {
                episode.QueuedAt = queuedAt;
            }
            else if (snapshot.Status == ConversationStatus.Queued)
            {
                episode.QueuedAt = e.OccurredAt;
            }
        }

        if (snapshot.Team is { } team)
        {
            episode.Team = team;
        }
    }

    private static void AddRating(Episode episode, TimelineMessage item)
    {
        if (int.TryParse(item.Metadata!.GetValueOrDefault("rating"), NumberStyles.None, CultureInfo.InvariantCulture, out var rating) && rating is >= 1 and <= 5)
        {
            episode.Ratings.Add(rating);
        }
    }

    private static string? Action(TimelineMessage item) => item.Metadata?.GetValueOrDefault(TimelineActions.Key);

    private State StateOf(Guid conversationId)
    {
        if (!_conversations.TryGetValue(conversationId, out var state))
        {
            _conversations[conversationId] = state = new State();
        }

        return state;
    }

    private sealed class State
    {
        public HashSet<long> Seen { get; } = [];

        public ConversationStatus? Status { get; set; }

        public Episode? Open { get; set; }

        public Episode? Last { get; set; }
    }
}
