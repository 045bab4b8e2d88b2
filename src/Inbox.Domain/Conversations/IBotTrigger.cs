namespace Inbox.Domain.Conversations;

/// <summary>
/// Asks the bot to answer a message of a conversation in <c>bot</c> status. Called by the conversation after the message is
/// stored; the bot answers asynchronously through <see cref="IConversationGrain.RecordBotTurnAsync"/>.
/// </summary>
public interface IBotTrigger
{
    bool Enabled { get; }

    void Trigger(Guid conversationId, Guid inboundMessageId);
}
