namespace Inbox.Domain.Conversations;

/// <summary>
/// The small state of a conversation. There is one conversation per customer, so its id is the customer's id.
/// <see cref="MergedInto"/> is set when its customer was merged into another: its timeline then lives there.
/// <see cref="Team"/> is the key of the team that works on it (routing chooses it; null: no team yet).
/// <see cref="QueuedAt"/> is when it last entered the queue from outside (a handoff, a new conversation with no bot): its
/// waiting time counts from there, and a requeue (an operator went offline) keeps it, so it takes back its place.
/// <see cref="AwaitingOpenSince"/> is set while routing's assignment waits for the assignee to open the conversation.
/// <see cref="LastInboundPreview"/> and <see cref="LastInboundAt"/>: the customer's last message (not an automated one), the
/// list's preview of what the customer asked, which replies, notes and the bot's answers leave as it is.
/// </summary>
[GenerateSerializer, Immutable, Alias("Inbox.ConversationSnapshot")]
public sealed record ConversationSnapshot(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] Guid CustomerId,
    [property: Id(2)] ConversationStatus Status,
    [property: Id(3)] Guid? AssigneeId,
    [property: Id(4)] long LastSequence,
    [property: Id(5)] DateTimeOffset? LastMessageAt,
    [property: Id(6)] string? LastInboundChannel,
    [property: Id(7)] string? LastInboundIdentity,
    [property: Id(8)] string? LastMessagePreview,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset UpdatedAt,
    [property: Id(11)] Guid? MergedInto = null,
    [property: Id(12)] IReadOnlyList<string>? Labels = null,
    [property: Id(13)] HandoffInfo? Handoff = null,
    [property: Id(14), System.Text.Json.Serialization.JsonIgnore] string? BotMemory = null,
    [property: Id(15)] string? Team = null,
    [property: Id(16)] DateTimeOffset? QueuedAt = null,
    [property: Id(17)] DateTimeOffset? AwaitingOpenSince = null,
    [property: Id(18)] string? LastInboundPreview = null,
    [property: Id(19)] DateTimeOffset? LastInboundAt = null);
