namespace Inbox.Chatbot;

/// <summary>What the operator sees when the bot hands a conversation over, so nobody asks the customer again.</summary>
/// <param name="Intent">The intent of the conversation.</param>
/// <param name="OrderNumber">The order the bot found, if any.</param>
/// <param name="OrderStatus">That order's status name as the order system gave it.</param>
/// <param name="Fraud">The conversation is about a scam.</param>
/// <param name="PossibleVictim">The customer may already have lost money, codes or bonuses.</param>
/// <param name="Summary">One line for the operator.</param>
/// <param name="Priority">Urgent for a possible victim.</param>
public sealed record HandoffCard(
    string Intent,
    string? OrderNumber,
    string? OrderStatus,
    bool Fraud,
    bool PossibleVictim,
    string Summary,
    HandoffPriority Priority);
