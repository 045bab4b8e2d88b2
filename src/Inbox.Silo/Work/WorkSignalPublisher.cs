using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Inbox.Domain.Work;
using Microsoft.Extensions.Logging;

namespace Inbox.Silo.Work;

/// <summary>
/// Carries the grains' requests for work to a node that can do it, wherever the grain lives: "run the bot on this message"
/// goes to one bot node (the same one for a conversation while the list stays the same, so its messages are answered in order),
/// "deliver the outbox now" to every outbox node (each leases its entries, so each is sent once). The list of nodes is asked
/// from <see cref="IWorkSubscribersGrain"/> and kept for a few seconds. A signal is a wake-up call only: the work is in the
/// store already, and a node that misses a signal finds it at its next sweep (bot) or poll (outbox).
/// </summary>
public sealed class WorkSignalPublisher : QueuedSender<(Guid Conversation, Guid Message)?>, IBotTrigger, IOutboxSignal
{
    private static readonly TimeSpan ListLifetime = TimeSpan.FromSeconds(3);

    private readonly IGrainFactory _grains;
    private readonly TimeProvider _clock;
    private readonly ILogger<WorkSignalPublisher> _logger;
    private WorkSubscribers _subscribers = WorkSubscribers.None;
    private DateTimeOffset _listFetchedAt = DateTimeOffset.MinValue;

    public WorkSignalPublisher(IGrainFactory grains, TimeProvider clock, ILogger<WorkSignalPublisher> logger)
    {
        _grains = grains;
        _clock = clock;
        _logger = logger;
    }

    public void Trigger(Guid conversationId, Guid inboundMessageId) => Enqueue((conversationId, inboundMessageId));

    public void Notify() => Enqueue(null);

    protected override async Task SendAsync((Guid Conversation, Guid Message)? item)
    {
        try
        {
            var subscribers = await SubscribersAsync().ConfigureAwait(false);
            if (item is { } bot)
            {
                if (subscribers.BotRunners.Count == 0)
                {
                    _logger.LogDebug("No node runs the bot now; message {MessageId} waits in the store", bot.Message);
                    return;
                }

                var runner = subscribers.BotRunners[(bot.Conversation.GetHashCode() & int.MaxValue) % subscribers.BotRunners.Count];
                await runner.RunBotAsync(bot.Conversation, bot.Message).ConfigureAwait(false);
            }
            else
            {
                foreach (var dispatcher in subscribers.OutboxDispatchers)
                {
                    await dispatcher.DeliverOutboxAsync().ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "A work signal was not delivered; the work waits in the store for the next sweep or poll");
        }
    }

    /// <summary>The cached list; an empty list is asked again each time, so a node that just subscribed is heard at once.</summary>
    private async Task<WorkSubscribers> SubscribersAsync()
    {
        var empty = _subscribers.BotRunners.Count == 0 && _subscribers.OutboxDispatchers.Count == 0;
        if (empty || _clock.GetUtcNow() - _listFetchedAt > ListLifetime)
        {
            _subscribers = await _grains.Reference<IWorkSubscribersGrain>(0).GetSubscribersAsync().ConfigureAwait(false);
            _listFetchedAt = _clock.GetUtcNow();
        }

        return _subscribers;
    }
}
