namespace Inbox.Chatbot;

/// <summary>What the bot does with one message.</summary>
/// <param name="Replies">Messages to send to the customer, in order, in the customer's language.</param>
/// <param name="Decision">The classification the host records on the timeline item.</param>
/// <param name="HandOff">True when the conversation goes to an operator now.</param>
/// <param name="Handoff">The card for the operator when <paramref name="HandOff"/> is true.</param>
/// <param name="Memory">The memory to store and pass with the next message.</param>
/// <param name="Labels">Conversation labels to add, such as <c>order_status</c>, <c>fraud</c>, <c>fraud_code_request</c>.</param>
public sealed record BotTurn(
    IReadOnlyList<string> Replies,
    BotDecision Decision,
    bool HandOff,
    HandoffCard? Handoff,
    BotMemory Memory,
    IReadOnlyList<string> Labels);
