namespace Inbox.Domain.Conversations;

/// <summary>
/// Asks the bot to answer a message of a conversation in <c>bot</c> status. Called by the conversation after the message is
/// stored; a node that runs the bot answers asynchronously through <see cref="IConversationGrain.RecordBotTurnAsync"/>.
/// Whether the bot answers first is a setting (<c>Chatbot:Enabled</c>), not this service.
/// </summary>
public interface IBotTrigger
{
    void Trigger(Guid conversationId, Guid inboundMessageId);
}
