using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Inbox.Chatbot;
using Inbox.Connectors;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Storage;
using Inbox.Identity;

namespace Inbox.Web.Bot;

/// <summary>
/// Runs the chatbot on every new customer message of a conversation in <c>bot</c> status, after the message is stored.
/// Messages of one conversation are answered one at a time and in order (a conversation always goes to the same worker);
/// different conversations are answered in parallel. The grains ask through <see cref="Work.WorkSignalRelay"/>, from any silo.
/// Across nodes (another node's sweep, a change in the list of bot nodes) two messages of a conversation may still be answered at
/// the same time: each turn is recorded by the conversation grain (one activation in the cluster, one call at a time) only while
/// the memory it was answered from is still the stored one, so a turn that lost the race is answered again from the memory the
/// other stored: every turn sees the previous turn's memory, and a hint said by one is not said again by the other.
/// At start and every <see cref="SweepInterval"/>, messages left unanswered (a crash, a missed signal, no bot node for a while)
/// are picked up again; the conversation records at most one answer per message, so a message answered twice is answered once.
/// </summary>
public sealed class BotRunner(
    IChatbot chatbot,
    IGrainFactory grains,
    IConversationStore store,
    IConversationQueries queries,
    ILogger<BotRunner> logger) : BackgroundService
{
    public const int Workers = 4;

    /// <summary>How many times a message is answered again when another turn of its conversation was recorded meanwhile.</summary>
    private const int MaxAnswers = 3;

    private readonly Channel<(Guid Conversation, Guid Message)>[] _queues =
        Enumerable.Range(0, Workers).Select(_ => Channel.CreateUnbounded<(Guid, Guid)>(new UnboundedChannelOptions { SingleReader = true })).ToArray();

    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    // Messages queued or being answered on this node: a sweep does not queue them again.
    private readonly ConcurrentDictionary<Guid, byte> _pending = new();

    public void Trigger(Guid conversationId, Guid inboundMessageId)
    {
        if (_pending.TryAdd(inboundMessageId, 0))
        {
            _queues[(conversationId.GetHashCode() & int.MaxValue) % Workers].Writer.TryWrite((conversationId, inboundMessageId));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = _queues.Select(queue => Task.Run(() => WorkAsync(queue.Reader, stoppingToken), stoppingToken)).ToList();
        try
        {
            await SweepAsync(stoppingToken);
            using var timer = new PeriodicTimer(SweepInterval);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }

        await Task.WhenAll(workers);
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var (conversation, message) in await queries.ListAwaitingBotAsync(1000, stoppingToken))
            {
                Trigger(conversation, message);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not look for messages the bot has not answered yet");
        }
    }

    private async Task WorkAsync(ChannelReader<(Guid Conversation, Guid Message)> queue, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (conversation, message) in queue.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await AnswerAsync(conversation, message, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "The bot failed on message {MessageId} of conversation {ConversationId}; handing over to a person", message, conversation);
                    await HandOverAfterFailureAsync(conversation, message);
                }
                finally
                {
                    _pending.TryRemove(message, out _);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    public async Task AnswerAsync(Guid conversationId, Guid messageId, CancellationToken cancellationToken)
    {
        for (var answer = 1; answer <= MaxAnswers; answer++)
        {
            if (await AnswerOnceAsync(conversationId, messageId, cancellationToken))
            {
                return;
            }
        }

        logger.LogWarning("Message {MessageId} of conversation {ConversationId} was not answered: other turns kept being recorded first", messageId, conversationId);
    }

    /// <summary>Answers the message from the stored memory; false when the conversation refused the turn (another was recorded meanwhile).</summary>
    private async Task<bool> AnswerOnceAsync(Guid conversationId, Guid messageId, CancellationToken cancellationToken)
    {
        var conversation = grains.Reference<IConversationGrain>(conversationId);
        var snapshot = await conversation.GetAsync();
        var message = await store.GetMessageAsync(messageId, cancellationToken);
        if (snapshot is not { Status: ConversationStatus.Bot } || message is not { Kind: MessageKind.Inbound, BotDecision: null })
        {
            return true; // a person has the conversation, or the message was answered already
        }

        var customer = await grains.Reference<ICustomerGrain>(snapshot.CustomerId).GetAsync();
        var verified = (customer?.Identities ?? []).Where(i => i.Kind is IdentityKinds.Phone or IdentityKinds.Email).ToList();
        var memory = snapshot.BotMemory is { Length: > 0 } json ? JsonSerializer.Deserialize<BotMemory>(json, InboxJson.Options) ?? BotMemory.Empty : BotMemory.Empty;
        var queue = await queries.CountQueuedAsync(cancellationToken);
        var places = new QueuePlaces(
            queue.PlaceFor((int)HandoffPriority.Normal), queue.PlaceFor((int)HandoffPriority.High), queue.PlaceFor((int)HandoffPriority.Urgent));
        var sharesOwnContact = message.Metadata?.GetValueOrDefault(InboundMetadataKeys.SharedContact) == InboundMetadataKeys.OwnContact;
        var request = new BotRequest(conversationId, message.Channel, message.Text, verified, customer?.Name, memory, places) { SharesOwnContact = sharesOwnContact };

        var turn = await chatbot.HandleAsync(request, cancellationToken);

        var decision = new BotDecisionInfo(turn.Decision.Intent, turn.Decision.Confidence, turn.Decision.SubIntent, turn.Decision.Language);
        var handoff = turn.HandOff
            ? turn.Handoff is { } card
                ? new HandoffInfo(card.Intent, card.OrderNumber, card.OrderStatus, card.Fraud, card.PossibleVictim, card.Summary, (int)card.Priority, DateTimeOffset.UtcNow)
                : new HandoffInfo(turn.Decision.Intent, null, null, false, false, "The bot handed over.", 0, DateTimeOffset.UtcNow)
            : null;
        return await conversation.RecordBotTurnAsync(new BotTurnRecord(messageId, decision, turn.Replies, handoff,
            JsonSerializer.Serialize(turn.Memory, InboxJson.Options), turn.Labels, AnsweredFromMemory: snapshot.BotMemory ?? ""));
    }

    private async Task HandOverAfterFailureAsync(Guid conversationId, Guid messageId)
    {
        try
        {
            await grains.Reference<IConversationGrain>(conversationId).RecordBotTurnAsync(new BotTurnRecord(messageId,
                new BotDecisionInfo("other", 0, null, "ru"), [],
                new HandoffInfo("other", null, null, false, false, "The bot could not answer; please take over.", 0, DateTimeOffset.UtcNow), "", []));
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Conversation {ConversationId} could not be handed over after the bot failed", conversationId);
        }
    }
}
