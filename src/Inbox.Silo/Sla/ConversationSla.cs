using System.Globalization;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Sla;

namespace Inbox.Silo.Sla;

/// <summary>
/// One conversation's SLA clocks, kept by its grain: which clocks a step starts or stops, which moment (at risk, breach)
/// has been reached, and whether the out-of-hours answer is due. The rows are loaded on activation and written with the
/// conversation's commits, so a restart finds every clock where it was.
/// </summary>
/// <remarks>
/// An episode starts when the conversation starts waiting for a person: <see cref="ConversationSnapshot.QueuedAt"/> is set
/// (see <see cref="MarkQueued"/>), and both clocks start from it under the policy of the conversation's team and priority then.
/// The first-response clock stops at the first operator's reply (the bot's and automatic answers do not count); both stop at
/// the resolve. A new episode (a reopen after the resolve, a new handoff) stops what still runs and starts new clocks.
/// </remarks>
public sealed class ConversationSla(SlaServices services, Guid conversationId)
{
    private readonly Dictionary<string, SlaClockRecord> _rows = new(StringComparer.Ordinal);

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        _rows.Clear();
        foreach (var row in await services.Store.GetClocksAsync(conversationId, cancellationToken))
        {
            _rows[row.Target] = row;
        }
    }

    /// <summary>
    /// Sets <see cref="ConversationSnapshot.QueuedAt"/> when the conversation starts waiting for a person: it enters the queue
    /// new, from the bot (a handoff) or from resolved (a reopen), or is reopened straight to its assignee; or it is queued
    /// without a time. A time the step set itself (routing) is kept, and so is the time of a requeue from an operator.
    /// </summary>
    public static ConversationSnapshot MarkQueued(ConversationSnapshot? before, ConversationSnapshot next, DateTimeOffset now)
    {
        if (next.QueuedAt is not null && next.QueuedAt != before?.QueuedAt)
        {
            return next; // set by this step already
        }

        var entered = (next.Status == ConversationStatus.Queued && (before is null || before.Status is ConversationStatus.Bot or ConversationStatus.Resolved))
            || (next.Status == ConversationStatus.Assigned && before is { Status: ConversationStatus.Resolved });
        return entered || (next.Status == ConversationStatus.Queued && next.QueuedAt is null) ? next with { QueuedAt = now } : next;
    }

    /// <summary>The conversation's priority for the policies: the handoff's, normal without one.</summary>
    public static ConversationPriority PriorityOf(ConversationSnapshot conversation) =>
        conversation.Handoff?.Priority is { } p && Enum.IsDefined((ConversationPriority)p) ? (ConversationPriority)p : ConversationPriority.Normal;

    /// <summary>The clock rows a step from <paramref name="before"/> to <paramref name="next"/> starts or stops (none: nothing to write).</summary>
    public async Task<IReadOnlyList<SlaClockRecord>> StepAsync(ConversationSnapshot? before, ConversationSnapshot next, TimelineMessage? newMessage, DateTimeOffset now)
    {
        var changed = new Dictionary<string, SlaClockRecord>(StringComparer.Ordinal);
        SlaClockRecord? Current(string target) => changed.GetValueOrDefault(target) ?? _rows.GetValueOrDefault(target);
        void Stop(string target)
        {
            if (Current(target) is { Running: true } clock)
            {
                changed[target] = clock with { StoppedAt = now };
            }
        }

        if (next.QueuedAt is { } start && next.Status is ConversationStatus.Queued or ConversationStatus.Assigned
            && _rows.GetValueOrDefault(SlaTargets.FirstResponse)?.StartedAt != start)
        {
            Stop(SlaTargets.FirstResponse);
            Stop(SlaTargets.Resolution);
            var priority = PriorityOf(next);
            if ((await services.Policies.CurrentAsync()).Find(next.Team, priority) is { } policy)
            {
                var clocks = policy.Start(start);
                changed[SlaTargets.FirstResponse] = Row(SlaTargets.FirstResponse, clocks.FirstResponse, policy, priority);
                changed[SlaTargets.Resolution] = Row(SlaTargets.Resolution, clocks.Resolution, policy, priority);
            }
        }

        if (newMessage is { Kind: MessageKind.Outbound, OperatorId: not null })
        {
            Stop(SlaTargets.FirstResponse);
        }

        if (next.Status == ConversationStatus.Resolved && before is { Status: not ConversationStatus.Resolved })
        {
            Stop(SlaTargets.FirstResponse);
            Stop(SlaTargets.Resolution);
        }

        return [.. changed.Values];
    }

    private SlaClockRecord Row(string target, SlaClock clock, SlaPolicy policy, ConversationPriority priority) =>
        new(conversationId, target, clock.StartedAt, clock.WarningAt, clock.DueAt, policy.Team, priority);

    /// <summary>Keeps committed rows.</summary>
    public void Apply(IEnumerable<SlaClockRecord>? rows)
    {
        foreach (var row in rows ?? [])
        {
            _rows[row.Target] = row;
        }
    }

    /// <summary>
    /// The first SLA moment reached by <paramref name="now"/> and not recorded yet: the clock as it is once recorded, and
    /// the timeline action. A clock found past its due time records the breach only (at risk is then implied).
    /// </summary>
    public (SlaClockRecord Clock, string Action)? Reached(DateTimeOffset now)
    {
        foreach (var target in (string[])[SlaTargets.FirstResponse, SlaTargets.Resolution])
        {
            if (_rows.GetValueOrDefault(target) is not { Running: true, Breached: false } clock)
            {
                continue;
            }

            if (now >= clock.DueAt)
            {
                return (clock with { Warned = true, Breached = true }, TimelineActions.SlaBreached);
            }

            if (!clock.Warned && now >= clock.WarnAt)
            {
                return (clock with { Warned = true }, TimelineActions.SlaAtRisk);
            }
        }

        return null;
    }

    /// <summary>The timeline item of an SLA moment (its metadata: action, target, dueAt, policyTeam, priority).</summary>
    public static TimelineMessage Item(ConversationSnapshot current, long sequence, SlaClockRecord clock, string action, DateTimeOffset now)
    {
        var what = clock.Target == SlaTargets.FirstResponse ? "first response" : "resolution";
        var text = action == TimelineActions.SlaBreached
            ? $"SLA breached: the {what} target was due at {clock.DueAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC."
            : $"SLA at risk: the {what} target is due at {clock.DueAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC.";
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TimelineActions.Key] = action,
            ["target"] = clock.Target,
            ["dueAt"] = clock.DueAt.ToString("O", CultureInfo.InvariantCulture),
            ["policyTeam"] = clock.PolicyTeam ?? "",
            ["priority"] = clock.Priority.ToString().ToLowerInvariant(),
        };
        return new TimelineMessage(StoreIds.New(), current.ConversationId, sequence, MessageKind.Event, "event", null, null, text,
            null, "sla", null, null, now, now, Metadata: metadata);
    }

    /// <summary>
    /// The out-of-hours answer due to a waiting conversation at <paramref name="now"/>: the schedule that applies
    /// (<see cref="SlaCatalog.OutOfHoursFor"/>) is closed, and this closed period was not announced yet (the last answer named
    /// another opening). Null: no answer.
    /// </summary>
    public async Task<(BusinessHours Hours, DateTimeOffset Opening, SlaPolicy? Policy, string? Schedule)?> OutOfHoursAsync(ConversationSnapshot conversation, DateTimeOffset now)
    {
        var catalog = await services.Policies.CurrentAsync();
        var policy = catalog.Find(conversation.Team, PriorityOf(conversation));
        if (catalog.OutOfHoursFor(policy) is not { } hours || hours.IsOpen(now))
        {
            return null;
        }

        var opening = hours.NextOpening(now);
        var schedule = policy is null ? catalog.OutOfHoursSchedule : policy.Schedule;
        return _rows.GetValueOrDefault(SlaTargets.OutOfHours)?.DueAt == opening ? null : (hours, opening, policy, schedule);
    }

    /// <summary>The row that remembers the announced opening, so the same closed period is not announced twice.</summary>
    public SlaClockRecord OutOfHoursRow(DateTimeOffset now, DateTimeOffset opening, SlaPolicy? policy, ConversationPriority priority) =>
        new(conversationId, SlaTargets.OutOfHours, now, opening, opening, policy?.Team, priority, StoppedAt: now);
}
