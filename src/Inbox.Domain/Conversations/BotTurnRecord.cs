namespace Inbox.Domain.Conversations;

/// <summary>What the bot did about one inbound message, to be recorded by the conversation.</summary>
/// <param name="Memory">The bot's small state for the next turn (opaque to the conversation).</param>
/// <param name="Handoff">Set when the bot hands over to a person: the conversation becomes queued.</param>
/// <param name="AnsweredFromMemory">
/// The memory the bot read before answering (<see cref="ConversationSnapshot.BotMemory"/>, "" for none). When set, the conversation
/// records the turn only while its memory is still that one: a turn answered beside another (another node, another worker) that
/// recorded first is refused, and the bot answers again from the memory the other stored. Null records without the check.
/// </param>
[GenerateSerializer, Immutable, Alias("Inbox.BotTurnRecord")]
public sealed record BotTurnRecord(
    [property: Id(0)] Guid InboundMessageId,
    [property: Id(1)] BotDecisionInfo Decision,
    [property: Id(2)] IReadOnlyList<string> Replies,
    [property: Id(3)] HandoffInfo? Handoff,
    [property: Id(4)] string Memory,
    [property: Id(5)] IReadOnlyList<string> Labels,
    [property: Id(6)] string? AnsweredFromMemory = null);
