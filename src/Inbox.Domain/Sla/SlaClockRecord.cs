using Inbox.Domain.Conversations;

namespace Inbox.Domain.Sla;

/// <summary>
/// One running or finished SLA clock of a conversation, as stored (one row per conversation and <see cref="Target"/>;
/// a new episode replaces it). The due and warning instants are computed once, when the clock starts, so a restart
/// neither restarts nor moves it.
/// </summary>
/// <param name="PolicyTeam">The team of the policy that set the targets (null: the default policy, any team).</param>
/// <param name="Priority">The conversation's priority when the clock started.</param>
/// <param name="Warned">The at-risk item was recorded.</param>
/// <param name="Breached">The breach item was recorded.</param>
/// <param name="StoppedAt">When the first response was sent or the conversation resolved; null while it runs.</param>
public sealed record SlaClockRecord(
    Guid ConversationId,
    string Target,
    DateTimeOffset StartedAt,
    DateTimeOffset WarnAt,
    DateTimeOffset DueAt,
    string? PolicyTeam,
    ConversationPriority Priority,
    bool Warned = false,
    bool Breached = false,
    DateTimeOffset? StoppedAt = null)
{
    /// <summary>When the watcher must next look at it: the warning, then the due instant; null once stopped or breached.</summary>
    public DateTimeOffset? NextAt => Target == SlaTargets.OutOfHours || StoppedAt is not null || Breached ? null : Warned ? DueAt : WarnAt;

    /// <summary>Whether it still runs (not stopped; a breached clock runs on until the response or the resolve).</summary>
    public bool Running => Target != SlaTargets.OutOfHours && StoppedAt is null;
}
