namespace Inbox.Domain.Live;

/// <summary>The kinds of live event an operator's console receives.</summary>
public static class LiveEventTypes
{
    /// <summary>A new item on the timeline: inbound, reply, note.</summary>
    public const string MessageCreated = "message.created";

    /// <summary>The customer edited a message; the event carries the new text.</summary>
    public const string MessageEdited = "message.edited";

    /// <summary>An outbound message's delivery state changed.</summary>
    public const string MessageDelivery = "message.delivery";

    /// <summary>Another customer's timeline was merged into this conversation, or split off again: reload the timeline.</summary>
    public const string ConversationMerged = "conversation.merged";

    /// <summary>The bot read an inbound message: the event's message carries the decision (intent, confidence).</summary>
    public const string BotDecision = "message.bot_decision";

    /// <summary>A call's item on the timeline: new (ringing) or updated.</summary>
    public const string CallUpdated = "call.updated";

    /// <summary>The conversation's status or assignee changed.</summary>
    public const string ConversationChanged = "conversation.changed";

    /// <summary>
    /// Someone else than its assignee took a held conversation over, reassigned, unassigned or resolved it: the status or
    /// assignee changed, and the event's message is the timeline item naming both operators. Every console gets it, the
    /// previous assignee's included.
    /// </summary>
    public const string TakenOver = "conversation.taken_over";

    /// <summary>
    /// An SLA clock of the conversation passed 80% of its target: the event's message is the timeline item
    /// (<c>slaAtRisk</c>, with the target, due time, policy team and priority). Sent to the assignee, the consoles that
    /// have the conversation open, and the supervisors.
    /// </summary>
    public const string SlaAtRisk = "sla.at_risk";

    /// <summary>An SLA clock of the conversation reached its due time unstopped: the message is the <c>slaBreached</c> item. Same audience as <see cref="SlaAtRisk"/>.</summary>
    public const string SlaBreached = "sla.breached";
}
