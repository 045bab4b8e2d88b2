using Inbox.Domain.Calls;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Live;
using Inbox.Domain.Storage;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Grains;

/// <summary>
/// The one conversation of a customer. It is the only writer of its timeline: it numbers each event
/// (sequence 1, 2, 3 … without gaps), commits the event with its effect in one store transaction,
/// and only then answers and raises the live event. Its state is the conversation row of the store.
/// </summary>
public sealed class ConversationGrain(
    IConversationStore store,
    ILiveEventPublisher publisher,
    IOutboxSignal outboxSignal,
    IBotTrigger bot,
    IOptions<ConversationOptions> options,
    TimeProvider clock) : Grain, IConversationGrain
{
    private ConversationSnapshot? _state;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _state = await store.GetConversationAsync(this.GetPrimaryKey(), cancellationToken);

    public Task<ConversationSnapshot?> GetAsync() => Task.FromResult(_state);

    public async Task<ReceiveResult> ReceiveAsync(IncomingMessage incoming)
    {
        if (_state?.MergedInto is { } survivor)
        {
            return await GrainFactory.GetGrain<IConversationGrain>(survivor).ReceiveAsync(incoming);
        }

        var now = clock.GetUtcNow();
        var current = _state ?? New(now);
        // A customer's new message reopens a resolved conversation (to the bot first, when it answers first);
        // an auto-reply or a bounce never does.
        var reopens = current.Status == ConversationStatus.Resolved && !incoming.Automated;
        var botFirst = options.Value.InitialStatus == ConversationStatus.Bot && bot.Enabled;
        var status = !reopens ? current.Status
            : botFirst ? ConversationStatus.Bot
            : current.AssigneeId is null ? InitialStatus() : ConversationStatus.Assigned;
        var sequence = current.LastSequence + 1;
        var message = new TimelineMessage(Guid.NewGuid(), current.ConversationId, sequence, MessageKind.Inbound, incoming.Channel,
            incoming.FromIdentity, incoming.ExternalId, incoming.Text, null, incoming.SenderName, null, null, now, now, incoming.Attachments,
            Metadata: incoming.Metadata, Automated: incoming.Automated);
        var next = current with
        {
            Status = status,
            AssigneeId = reopens && botFirst ? null : current.AssigneeId,
            Handoff = reopens ? null : current.Handoff,
            LastSequence = sequence,
            LastMessageAt = now,
            LastInboundChannel = incoming.Channel,
            LastInboundIdentity = incoming.FromIdentity,
            LastMessagePreview = Preview(incoming.Text, incoming.Attachments),
            UpdatedAt = now,
        };
        var liveEvent = new LiveEvent(next.ConversationId, sequence, LiveEventTypes.MessageCreated, now, next, message);
        var cursor = incoming.CheckpointKey is { } key ? new KeyValuePair<string, string>(key, incoming.CheckpointValue ?? "") : (KeyValuePair<string, string>?)null;
        var outcome = await store.CommitAsync(new ConversationCommit(next, [liveEvent], NewMessage: message, Cursor: cursor));
        if (outcome.Duplicate)
        {
            return new ReceiveResult(outcome.Existing!, Duplicate: true);
        }

        Publish(next, liveEvent);
        if (next.Status == ConversationStatus.Bot && !incoming.Automated && bot.Enabled)
        {
            bot.Trigger(next.ConversationId, message.MessageId);
        }

        return new ReceiveResult(message, Duplicate: false);
    }

    public async Task<TimelineMessage> ReplyAsync(ReplyRequest reply)
    {
        if (_state?.MergedInto is { } survivor)
        {
            return await GrainFactory.GetGrain<IConversationGrain>(survivor).ReplyAsync(reply);
        }

        var current = _state ?? throw new ConversationException("This customer has not written yet, so there is nothing to reply to.");
        if (string.IsNullOrWhiteSpace(reply.Text) && reply.Attachments is not { Count: > 0 })
        {
            throw new ConversationException("A reply needs text or a file.");
        }

        var (channel, identity) = await ChooseRecipientAsync(current, reply);
        var now = clock.GetUtcNow();
        var sequence = current.LastSequence + 1;
        var message = new TimelineMessage(Guid.NewGuid(), current.ConversationId, sequence, MessageKind.Outbound, channel, identity, null,
            reply.Text, reply.OperatorId, reply.AuthorName, DeliveryState.Queued, null, now, now, reply.Attachments);

        // An operator who answers a waiting conversation takes it, as in every contact center console.
        var takes = reply.OperatorId is not null && current.Status is ConversationStatus.Queued or ConversationStatus.Bot && current.AssigneeId is null;
        var next = current with
        {
            Status = takes ? ConversationStatus.Assigned : current.Status,
            AssigneeId = takes ? reply.OperatorId : current.AssigneeId,
            LastSequence = sequence,
            LastMessageAt = now,
            LastMessagePreview = Preview(reply.Text, reply.Attachments),
            UpdatedAt = now,
        };
        var liveEvent = new LiveEvent(next.ConversationId, sequence, LiveEventTypes.MessageCreated, now, next, message);
        var outbox = new OutboxEntry(message.MessageId, message.ConversationId, channel, identity, reply.Text, 0, now, now, reply.Attachments,
            Automated: reply.OperatorId is null && reply.AuthorName == BotAuthor);
        await store.CommitAsync(new ConversationCommit(next, [liveEvent], NewMessage: message, Outbox: outbox));
        Publish(next, liveEvent);
        outboxSignal.Notify();
        return message;
    }

    public async Task<bool> EditInboundAsync(string channel, string externalId, string newText, DateTimeOffset editedAt)
    {
        var current = _state;
        var message = current is null ? null : await store.FindByExternalIdAsync(channel, externalId, MessageKind.Inbound);
        if (current is null || message is null || message.ConversationId != current.ConversationId)
        {
            return false;
        }

        if (message.Text == newText)
        {
            return true; // a repeated edit
        }

        var now = clock.GetUtcNow();
        var sequence = current.LastSequence + 1;
        var changed = message with { Text = newText, EditedAt = editedAt, UpdatedAt = now };
        var next = current with { LastSequence = sequence, UpdatedAt = now };
        var liveEvent = new LiveEvent(next.ConversationId, sequence, LiveEventTypes.MessageEdited, now, next, changed);
        await store.CommitAsync(new ConversationCommit(next, [liveEvent], ChangedMessage: changed));
        Publish(next, liveEvent);
        return true;
    }

    public async Task<TimelineMessage> AddNoteAsync(Guid operatorId, string authorName, string text)
    {
        var current = _state ?? throw new ConversationException("There is no conversation with this customer yet.");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ConversationException("A note needs text.");
        }

        var now = clock.GetUtcNow();
        var sequence = current.LastSequence + 1;
        var message = new TimelineMessage(Guid.NewGuid(), current.ConversationId, sequence, MessageKind.Note, "note", null, null, text,
            operatorId, authorName, null, null, now, now);
        var next = current with { LastSequence = sequence, UpdatedAt = now };
        var liveEvent = new LiveEvent(next.ConversationId, sequence, LiveEventTypes.MessageCreated, now, next, message);
        await store.CommitAsync(new ConversationCommit(next, [liveEvent], NewMessage: message));
        Publish(next, liveEvent);
        return message;
    }

    public Task<ConversationSnapshot> AssignAsync(Guid? operatorId) => ChangeAsync(current => current with
    {
        AssigneeId = operatorId,
        Status = operatorId is null ? ConversationStatus.Queued : ConversationStatus.Assigned,
    });

    public Task<ConversationSnapshot> ResolveAsync() => ChangeAsync(current => current with { Status = ConversationStatus.Resolved });

    public Task<ConversationSnapshot> ReopenAsync() => ChangeAsync(current => current.Status != ConversationStatus.Resolved
        ? current
        : current with { Status = current.AssigneeId is null ? ConversationStatus.Queued : ConversationStatus.Assigned });

    public async Task<bool> RecordBotTurnAsync(BotTurnRecord turn)
    {
        if (_state is not { Status: ConversationStatus.Bot } current)
        {
            return false; // a person took the conversation meanwhile: the bot stays silent
        }

        var inbound = await store.GetMessageAsync(turn.InboundMessageId);
        if (inbound?.BotDecision is not null)
        {
            return false; // answered already (another node's bot, or a retry): never answer twice
        }

        var now = clock.GetUtcNow();
        var labels = (current.Labels ?? []).Union(turn.Labels, StringComparer.Ordinal).ToList();
        var sequence = current.LastSequence + 1;
        var next = current with { LastSequence = sequence, Labels = labels, BotMemory = turn.Memory, UpdatedAt = now };
        if (inbound is not null && inbound.ConversationId == current.ConversationId)
        {
            var decided = inbound with { BotDecision = turn.Decision, UpdatedAt = now };
            var decisionEvent = new LiveEvent(next.ConversationId, sequence, LiveEventTypes.BotDecision, now, next, decided);
            await store.CommitAsync(new ConversationCommit(next, [decisionEvent], ChangedMessage: decided));
            Publish(next, decisionEvent);
        }
        else
        {
            var labelEvent = new LiveEvent(next.ConversationId, sequence, LiveEventTypes.ConversationChanged, now, next, null);
            await store.CommitAsync(new ConversationCommit(next, [labelEvent]));
            Publish(next, labelEvent);
        }

        foreach (var text in turn.Replies.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            await ReplyAsync(new ReplyRequest(null, BotAuthor, text, null, null));
        }

        if (turn.Handoff is { } handoff)
        {
            await ChangeAsync(c => c with { Status = ConversationStatus.Queued, AssigneeId = null, Handoff = handoff });
        }

        return true;
    }

    /// <summary>The author name of the bot's replies on the timeline.</summary>
    public const string BotAuthor = "bot";

    public async Task RecordCallAsync(CallInfo call)
    {
        if (_state?.MergedInto is { } survivor)
        {
            await GrainFactory.GetGrain<IConversationGrain>(survivor).RecordCallAsync(call);
            return;
        }

        var now = clock.GetUtcNow();
        var current = _state ?? New(now);
        var externalId = "call:" + call.CallId;
        var existing = _state is null ? null : await store.FindByExternalIdAsync(ChannelVoice, externalId, MessageKind.CallEvent);
        var sequence = current.LastSequence + 1;
        TimelineMessage message;
        ConversationCommit commit;
        if (existing is null)
        {
            message = new TimelineMessage(Guid.NewGuid(), current.ConversationId, sequence, MessageKind.CallEvent, ChannelVoice,
                call.CallerE164 is null ? null : "phone:" + call.CallerE164, externalId, call.Describe(), null, null, null, null, now, now, Call: call);
            var next = current with { LastSequence = sequence, LastMessageAt = now, LastMessagePreview = Preview(message.Text), UpdatedAt = now };
            commit = new ConversationCommit(next, [new LiveEvent(next.ConversationId, sequence, LiveEventTypes.CallUpdated, now, next, message)], NewMessage: message);
        }
        else
        {
            message = existing with { Text = call.Describe(), Call = call, UpdatedAt = now };
            var next = current with { LastSequence = sequence, UpdatedAt = now };
            commit = new ConversationCommit(next, [new LiveEvent(next.ConversationId, sequence, LiveEventTypes.CallUpdated, now, next, message)], ChangedMessage: message);
        }

        await store.CommitAsync(commit);
        Publish(commit.Conversation, commit.Events[0]);
    }

    private const string ChannelVoice = "voice";

    public async Task<ConversationSnapshot> AbsorbAsync(Guid otherConversationId)
    {
        var now = clock.GetUtcNow();
        var current = _state ?? New(now);
        var other = await store.GetConversationAsync(otherConversationId);
        var otherIsNewer = other?.LastMessageAt is { } otherLast && (current.LastMessageAt is null || otherLast > current.LastMessageAt);
        var sequence = current.LastSequence + 1;
        var next = current with
        {
            LastSequence = sequence,
            UpdatedAt = now,
            LastMessageAt = otherIsNewer ? other!.LastMessageAt : current.LastMessageAt,
            LastInboundChannel = otherIsNewer && other!.LastInboundChannel is not null ? other.LastInboundChannel : current.LastInboundChannel ?? other?.LastInboundChannel,
            LastInboundIdentity = otherIsNewer && other!.LastInboundIdentity is not null ? other.LastInboundIdentity : current.LastInboundIdentity ?? other?.LastInboundIdentity,
            LastMessagePreview = otherIsNewer ? other!.LastMessagePreview : current.LastMessagePreview ?? other?.LastMessagePreview,
            AssigneeId = current.AssigneeId ?? other?.AssigneeId,
            Status = current.Status == ConversationStatus.Resolved && other is { Status: not ConversationStatus.Resolved }
                ? other.Status
                : current.AssigneeId is null && other?.AssigneeId is not null && current.Status != ConversationStatus.Resolved ? ConversationStatus.Assigned : current.Status,
        };
        var liveEvent = new LiveEvent(next.ConversationId, sequence, LiveEventTypes.ConversationMerged, now, next, null);
        await store.CommitAsync(new ConversationCommit(next, [liveEvent], Move: new TimelineMove(otherConversationId, next.ConversationId, Back: false)));
        Publish(next, liveEvent);
        return next;
    }

    public async Task<ConversationSnapshot> SplitAsync(Guid otherConversationId)
    {
        var current = _state ?? throw new ConversationException("There is no conversation with this customer yet.");
        var now = clock.GetUtcNow();
        var sequence = current.LastSequence + 1;
        var next = current with { LastSequence = sequence, UpdatedAt = now };
        var liveEvent = new LiveEvent(next.ConversationId, sequence, LiveEventTypes.ConversationMerged, now, next, null);
        await store.CommitAsync(new ConversationCommit(next, [liveEvent], Move: new TimelineMove(otherConversationId, next.ConversationId, Back: true)));
        Publish(next, liveEvent);
        return next;
    }

    public async Task MarkMergedAsync(Guid? survivorConversationId)
    {
        if (_state is null)
        {
            return; // no timeline of its own to hand over
        }

        await ChangeAsync(current => current with
        {
            MergedInto = survivorConversationId,
            Status = survivorConversationId is null ? current.Status : ConversationStatus.Resolved,
        });
    }

    public async Task RecordDeliveryAsync(Guid messageId, DeliveryState state, string? error, string? providerMessageId)
    {
        if (_state?.MergedInto is { } survivor)
        {
            await GrainFactory.GetGrain<IConversationGrain>(survivor).RecordDeliveryAsync(messageId, state, error, providerMessageId);
            return;
        }

        var current = _state ?? throw new ConversationException("There is no conversation with this customer yet.");
        var message = await store.GetMessageAsync(messageId);
        if (message is null || message.ConversationId != current.ConversationId || message.Kind != MessageKind.Outbound)
        {
            throw new ConversationException($"Message {messageId} is not an outbound message of this conversation.");
        }

        var from = message.Delivery ?? DeliveryState.Queued;
        if (!from.CanMoveTo(state) || (from == state && error == message.DeliveryError && providerMessageId is null))
        {
            return; // late or repeated receipt: states only move forward
        }

        var now = clock.GetUtcNow();
        var sequence = current.LastSequence + 1;
        var changed = message with
        {
            Delivery = state,
            DeliveryError = error,
            ExternalId = providerMessageId ?? message.ExternalId,
            UpdatedAt = now,
        };
        var next = current with { LastSequence = sequence, UpdatedAt = now };
        var liveEvent = new LiveEvent(next.ConversationId, sequence, LiveEventTypes.MessageDelivery, now, next, changed);
        await store.CommitAsync(new ConversationCommit(next, [liveEvent], ChangedMessage: changed));
        Publish(next, liveEvent);
    }

    private async Task<ConversationSnapshot> ChangeAsync(Func<ConversationSnapshot, ConversationSnapshot> change)
    {
        var current = _state ?? throw new ConversationException("There is no conversation with this customer yet.");
        var changed = change(current);
        if (changed == current)
        {
            return current;
        }

        var now = clock.GetUtcNow();
        var sequence = current.LastSequence + 1;
        var next = changed with { LastSequence = sequence, UpdatedAt = now };
        var liveEvent = new LiveEvent(next.ConversationId, sequence, LiveEventTypes.ConversationChanged, now, next, null);
        await store.CommitAsync(new ConversationCommit(next, [liveEvent]));
        Publish(next, liveEvent);
        return next;
    }

    private async Task<(string Channel, string Identity)> ChooseRecipientAsync(ConversationSnapshot current, ReplyRequest reply)
    {
        if (reply.Identity is null && reply.Channel is null)
        {
            if (current.LastInboundChannel is null || current.LastInboundIdentity is null)
            {
                throw new ConversationException("The customer has no channel to reply through; pick one.");
            }

            return (current.LastInboundChannel, current.LastInboundIdentity);
        }

        if (reply.Identity is null || reply.Channel is null)
        {
            throw new ConversationException("To reply through another channel, name both the channel and the identity.");
        }

        var card = await GrainFactory.GetGrain<ICustomerGrain>(current.CustomerId).GetAsync();
        if (card is null || !card.Identities.Contains(reply.Identity, StringComparer.Ordinal))
        {
            throw new ConversationException($"'{reply.Identity}' is not one of this customer's identities.");
        }

        return (reply.Channel, reply.Identity);
    }

    private void Publish(ConversationSnapshot next, LiveEvent liveEvent)
    {
        _state = next;
        publisher.Publish(liveEvent);
    }

    private ConversationSnapshot New(DateTimeOffset now)
    {
        var id = this.GetPrimaryKey();
        return new ConversationSnapshot(id, id, InitialStatus(), null, 0, null, null, null, null, now, now);
    }

    /// <summary>The configured first status; <c>bot</c> only while a bot is there to answer.</summary>
    private ConversationStatus InitialStatus() =>
        options.Value.InitialStatus == ConversationStatus.Bot && !bot.Enabled ? ConversationStatus.Queued : options.Value.InitialStatus;

    private string Preview(string text, IReadOnlyList<AttachmentInfo>? attachments = null)
    {
        if (string.IsNullOrWhiteSpace(text) && attachments is { Count: > 0 })
        {
            text = "📎 " + string.Join(", ", attachments.Select(a => a.FileName));
        }

        return text.Length <= options.Value.PreviewLength ? text : text[..options.Value.PreviewLength] + "…";
    }
}
