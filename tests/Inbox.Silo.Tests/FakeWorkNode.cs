using System.Threading.Channels;
using Inbox.Domain.Work;

namespace Inbox.Silo.Tests;

/// <summary>A "web node" that runs the bot or delivers the outbox: it keeps the signals it hears for the test to read.</summary>
public sealed class FakeWorkNode : IWorkObserver
{
    public Channel<(Guid Conversation, Guid Message)> BotRequests { get; } = Channel.CreateUnbounded<(Guid, Guid)>();

    public Channel<bool> OutboxWakeUps { get; } = Channel.CreateUnbounded<bool>();

    public Task RunBotAsync(Guid conversationId, Guid inboundMessageId)
    {
        BotRequests.Writer.TryWrite((conversationId, inboundMessageId));
        return Task.CompletedTask;
    }

    public Task DeliverOutboxAsync()
    {
        OutboxWakeUps.Writer.TryWrite(true);
        return Task.CompletedTask;
    }
}
