namespace Inbox.Domain.Conversations;

/// <summary>What the bot did about one inbound message, to be recorded by the conversation.</summary>
/// <param name="Memory">The bot's small state for the next turn (opaque to the conversation).</param>
/// <param name="Handoff">Set when the bot hands over to a person: the conversation becomes queued.</param>
[GenerateSerializer, Alias("Inbox.BotTurnRecord")]
public sealed record BotTurnRecord(
    [property: Id(0)] Guid InboundMessageId,
    [property: Id(1)] BotDecisionInfo Decision,
    [property: Id(2)] IReadOnlyList<string> Replies,
    [property: Id(3)] HandoffInfo? Handoff,
    [property: Id(4)] string Memory,
    [property: Id(5)] IReadOnlyList<string> Labels);
