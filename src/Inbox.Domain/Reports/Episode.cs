using Inbox.Domain.Sla;
using Inbox.Domain.Conversations;

namespace Inbox.Domain.Reports;

/// <summary>
/// One episode of a conversation, as <see cref="EpisodeFold"/> reads it from the store's events: from the customer's message
/// that opened it (a new conversation, or the first message after a resolve) to the resolve. See docs/reports.md.
/// </summary>
public sealed class Episode
{
    internal Episode(Guid conversationId, DateTimeOffset startedAt, string channel)
    {
        ConversationId = conversationId;
        StartedAt = startedAt;
        Channel = channel;
        LastInboundAt = startedAt;
    }

    /// <summary>The conversation it lives in now: after a merge, the survivor's.</summary>
    public Guid ConversationId { get; internal set; }

    /// <summary>When the customer's first message of the episode arrived.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>The channel of that first message.</summary>
    public string Channel { get; private set; }

    /// <summary>The customer's latest message in the episode.</summary>
    public DateTimeOffset LastInboundAt { get; internal set; }

    /// <summary>The bot's intent on the first message it read, else the handoff's; null when neither.</summary>
    public string? Intent { get; internal set; }

    /// <summary>The bot read a message or answered in the episode.</summary>
    public bool BotAnswered { get; internal set; }

    /// <summary>The bot's handoff, if it handed the episode over.</summary>
    public HandoffInfo? Handoff { get; internal set; }

    /// <summary>When it entered the queue: the conversation's <c>QueuedAt</c>, else the first event that showed it queued.</summary>
    public DateTimeOffset? QueuedAt { get; internal set; }

    /// <summary>The last team it had in the episode; null: no team.</summary>
    public string? Team { get; internal set; }

    public DateTimeOffset? FirstOperatorReplyAt { get; internal set; }

    public Guid? FirstOperatorId { get; internal set; }

    public DateTimeOffset? ResolvedAt { get; internal set; }

    /// <summary>Who resolved it: the operator named by a take-over resolve, else the assignee at the resolve.</summary>
    public Guid? ResolvedBy { get; internal set; }

    /// <summary>The SLA items raised in the episode, oldest first.</summary>
    public List<SlaMark> Sla { get; } = [];

    /// <summary>The customer's ratings (1 to 5) of the episode.</summary>
    public List<int> Ratings { get; } = [];

    /// <summary>How many conversations' episodes were merged into this one (0: none).</summary>
    public int MergedEpisodes { get; private set; }

    /// <summary>The operator the episode counts for: who first replied, else who resolved it.</summary>
    public Guid? OperatorId => FirstOperatorId ?? ResolvedBy;

    /// <summary>The handoff's priority (0 normal, 1 high, 2 urgent); normal without a handoff.</summary>
    public ConversationPriority Priority => Handoff is { } h && Enum.IsDefined((ConversationPriority)h.Priority) ? (ConversationPriority)h.Priority : ConversationPriority.Normal;

    /// <summary>A person took part: an operator replied, or the bot handed over.</summary>
    public bool ReachedAPerson => Handoff is not null || FirstOperatorReplyAt is not null;

    /// <summary>Resolved, or (when <paramref name="idleClose"/> is set) no message from the customer for that long by <paramref name="now"/>.</summary>
    public bool Ended(DateTimeOffset now, TimeSpan? idleClose) =>
        ResolvedAt is not null || (idleClose is { } idle && now - LastInboundAt >= idle);

    /// <summary>The bot answered and the episode ended without a handoff or an operator's reply.</summary>
    public bool ContainedByBot(DateTimeOffset now, TimeSpan? idleClose) => BotAnswered && !ReachedAPerson && Ended(now, idleClose);

    /// <summary>A possible victim's handoff that an operator answered or resolved.</summary>
    public bool VictimHandled => Handoff is { PossibleVictim: true } && (FirstOperatorReplyAt is not null || ResolvedAt is not null);

    /// <summary>From the queue entry (the start when it never queued) to the first operator reply.</summary>
    public TimeSpan? FirstResponseTime => FirstOperatorReplyAt is { } reply ? Max(reply - (QueuedAt ?? StartedAt), TimeSpan.Zero) : null;

    /// <summary>From the start of the episode to its resolve.</summary>
    public TimeSpan? ResolutionTime => ResolvedAt is { } resolved ? Max(resolved - StartedAt, TimeSpan.Zero) : null;

    /// <summary>The targets (firstResponse, resolution) that were breached.</summary>
    public IReadOnlySet<string> BreachedTargets => Sla.Where(s => s.Breached).Select(s => s.Target).ToHashSet(StringComparer.Ordinal);

    /// <summary>Takes in the open episode of a customer merged into this one: one episode, the earliest of each time.</summary>
    internal void Absorb(Episode other)
    {
        if (other.StartedAt < StartedAt)
        {
            StartedAt = other.StartedAt;
            Channel = other.Channel;
            Intent = other.Intent ?? Intent;
        }
        else
        {
            Intent ??= other.Intent;
        }

        LastInboundAt = Moments.Later(LastInboundAt, other.LastInboundAt)!.Value;
        BotAnswered |= other.BotAnswered;
        Handoff ??= other.Handoff;
        QueuedAt = Moments.Earlier(QueuedAt, other.QueuedAt);
        Team ??= other.Team;
        if (other.FirstOperatorReplyAt is { } reply && (FirstOperatorReplyAt is null || reply < FirstOperatorReplyAt))
        {
            FirstOperatorReplyAt = reply;
            FirstOperatorId = other.FirstOperatorId;
        }

        Sla.AddRange(other.Sla);
        Sla.Sort((a, b) => a.At.CompareTo(b.At));
        Ratings.AddRange(other.Ratings);
        MergedEpisodes += 1 + other.MergedEpisodes;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
