using Orleans.Concurrency;

namespace Inbox.Domain.Work;

/// <summary>
/// A node that can do work the grains ask for: run the bot on a message, or deliver the outbox now. A signal is only a
/// wake-up call: the work itself waits in the store, so a node that misses one finds the work at its next sweep or poll.
/// </summary>
[Alias("Inbox.IWorkObserver")]
public interface IWorkObserver : IGrainObserver
{
    [OneWay, Alias("RunBot")]
    Task RunBotAsync(Guid conversationId, Guid inboundMessageId);

    [OneWay, Alias("DeliverOutbox")]
    Task DeliverOutboxAsync();
}
