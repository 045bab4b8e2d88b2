namespace Inbox.Chatbot;

/// <summary>The chatbot the host calls for every new message of a conversation in <c>bot</c> status.</summary>
public interface IChatbot
{
    /// <summary>Answers one customer message. Never throws for a bad message; the cancellation token ends the turn.</summary>
    Task<BotTurn> HandleAsync(BotRequest request, CancellationToken cancellationToken);
}
