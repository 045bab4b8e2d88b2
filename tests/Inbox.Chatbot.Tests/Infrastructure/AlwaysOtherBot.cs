namespace Inbox.Chatbot.Tests.Infrastructure;

/// <summary>A bot that understands nothing and never hands off, to check that an evaluation counts its mistakes.</summary>
public sealed class AlwaysOtherBot : IChatbot
{
    public Task<BotTurn> HandleAsync(BotRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new BotTurn(["?"], new BotDecision(Intents.Other, 1, null, "en"), false, null, request.Memory, [Intents.Other]));
}
