using Inbox.Domain.Conversations;

namespace Inbox.Domain.Sla;

/// <summary>
/// The promise for conversations of one team and priority: a first response within <see cref="FirstResponse"/> and a
/// resolution within <see cref="Resolution"/>, both counted in the open time of <see cref="Hours"/>.
/// </summary>
/// <param name="Team">The team it covers; null for any team (the default policy).</param>
/// <param name="Priority">The priority it covers; null for any priority.</param>
/// <param name="Schedule">The named schedule the targets count in; null around the clock.</param>
public sealed record SlaPolicy(
    string? Team,
    ConversationPriority? Priority,
    TimeSpan FirstResponse,
    TimeSpan Resolution,
    string? Schedule,
    BusinessHours Hours)
{
    /// <summary>The two clocks of a conversation whose wait started at <paramref name="startedAt"/>.</summary>
    public SlaClocks Start(DateTimeOffset startedAt) =>
        new(new SlaClock(startedAt, FirstResponse, Hours), new SlaClock(startedAt, Resolution, Hours));
}
