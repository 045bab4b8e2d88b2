using Inbox.Domain;
using Inbox.Domain.Calls;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Live;
using Inbox.Domain.Presence;
using Inbox.Domain.Routing;
using Inbox.Domain.Storage;
using Inbox.Domain.Sla;
using Inbox.Identity;
using Inbox.Silo.Routing;
using Inbox.Silo.Sla;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Grains;

/// <summary>
/// The one conversation of a customer. It is the only writer of its timeline: it numbers each event
/// (sequence 1, 2, 3 … without gaps), commits the event with its effect in one store transaction,
/// and only then answers and raises the live event. Its state is the conversation row of the store.
/// </summary>
public sealed partial class ConversationGrain(
    IConversationStore store,
    ILiveEventPublisher publisher,
    IOutboxSignal outboxSignal,
    IBotTrigger bot,
    IOptions<BotOptions> botOptions,
    IOperatorStore operators,
    IOptions<ConversationOptions> options,
    TimeProvider clock,
    IConversationRouter router,
    SlaServices slaServices) : Grain, IConversationGrain
{
    private ConversationSnapshot? _state;
    private ConversationSla? _sla;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (NewConversationHint.IsFor(this.GetPrimaryKey()))
        {
            return; // a new customer's first message: no row to read
        }

        _state = await store.GetConversationAsync(this.GetPrimaryKey(), cancellationToken);
        if (_state is not null)
        {
            await Clocks.LoadAsync(cancellationToken); // a clock is written only with its conversation: a new one has none
        }
    }

    public Task<ConversationSnapshot?> GetAsync() => Task.FromResult(_state);

    public async Task<ReceiveResult> ReceiveAsync(IncomingMessage incoming)
    {
        if (Survivor is { } survivor)
        {
            return await survivor.ReceiveAsync(incoming);
        }

        (var rated, incoming) = await TakeRatingAsync(incoming);
        if (rated is not null)
        {
            return rated; // a satisfaction rating: on the timeline, the conversation stays resolved and the bot asleep
        }

        var now = clock.GetUtcNow();
        var current = _state ?? New(now);
        // A customer's new message reopens a resolved conversation (to the bot first, when it answers first);
        // an auto-reply or a bounce never does.
        var reopens = current.Status == ConversationStatus.Resolved && !incoming.Automated;
        var botFirst = options.Value.InitialStatus == ConversationStatus.Bot && botOptions.Value.Enabled;
        var status = !reopens ? current.Status
            : botFirst ? ConversationStatus.Bot
            : current.AssigneeId is null ? InitialStatus() : ConversationStatus.Assigned;
        var message = new TimelineMessage(StoreIds.New(), current.ConversationId, NextSequence(current), MessageKind.Inbound, incoming.Channel,
            incoming.FromIdentity, incoming.ExternalId, incoming.Text, null, incoming.SenderName, null, null, now, now, incoming.Attachments,
            Metadata: incoming.Metadata, Automated: incoming.Automated);
        var next = current with
        {
            Status = status,
            AssigneeId = reopens && botFirst ? null : current.AssigneeId,
            Handoff = reopens ? null : current.Handoff,
            LastMessageAt = now,
            LastInboundChannel = incoming.Channel,
            LastInboundIdentity = incoming.FromIdentity,
            LastMessagePreview = Preview(incoming.Text, incoming.Attachments),
            LastInboundPreview = incoming.Automated ? current.LastInboundPreview : Preview(incoming.Text, incoming.Attachments),
            LastInboundAt = incoming.Automated ? current.LastInboundAt : now,
        };
        if (next.Status == ConversationStatus.Queued && (_state is null || reopens))
        {
            // a new or reopened conversation that starts in the queue (no bot): routing chooses its team, its wait starts now
            next = next with { Team = await RouteAsync(new RoutingFacts(incoming.Channel, null, CustomerLanguage.Detect(incoming.Text), false)), QueuedAt = now };
        }

        var cursor = incoming.CheckpointKey is { } key ? new KeyValuePair<string, string>(key, incoming.CheckpointValue ?? "") : (KeyValuePair<string, string>?)null;
        // A customer's first message lists the customer in the directory with it, unless it is listed already: a customer the
        // message made has no row before (CustomerResolver leaves it to this commit).
        var listing = _state is null ? CustomerSummary.FromMessage(current.CustomerId, incoming.SenderName, [incoming.FromIdentity]) : null;
        (next, var outcome) = await CommitAsync(next, LiveEventTypes.MessageCreated, now, newMessage: message, cursor: cursor, newCustomer: listing,
            claimedIdentity: incoming.ClaimsSender ? incoming.FromIdentity : null);
        if (outcome.Duplicate)
        {
            return new ReceiveResult(outcome.Existing!, Duplicate: true);
        }

        if (next.Status == ConversationStatus.Bot && !incoming.Automated && botOptions.Value.Enabled)
        {
            bot.Trigger(next.ConversationId, message.MessageId);
        }

        if (next.Status == ConversationStatus.Queued && !incoming.Automated)
        {
            await AnswerOutOfHoursAsync(null, incoming.Text); // SLA: waiting for a person while closed
        }

        return new ReceiveResult(message, Duplicate: false);
    }

    public async Task<TimelineMessage> ReplyAsync(ReplyRequest reply)
    {
        if (Survivor is { } survivor)
        {
            return await survivor.ReplyAsync(reply);
        }

        var current = _state ?? throw new ConversationException("This customer has not written yet, so there is nothing to reply to.");
        if (string.IsNullOrWhiteSpace(reply.Text) && reply.Attachments is not { Count: > 0 })
        {
            throw new ConversationException("A reply needs text or a file.");
        }

        var once = Once(reply.OperatorId, reply.IdempotencyKey, ReplyFingerprint(reply));
        if (await ReplayAsync(once) is { } first)
        {
            return first; // the same reply again under its key: the first, nothing sent twice
        }

        // In a colleague's conversation: refused, unless a supervisor answers (the assignee stays) or the operator takes it over.
        var holder = reply.By is { } by ? HolderBesides(current, by) : null;
        if (holder is { } held && !reply.By!.MayOverride)
        {
            throw await HeldAsync(held);
        }

        var (channel, identity) = await ChooseRecipientAsync(current, reply);
        if (holder is { } previous && reply.By!.TakeOver)
        {
            current = await OverrideAsync(current, current with { AssigneeId = reply.By.OperatorId, Status = ConversationStatus.Assigned }, reply.By, previous);
        }

        var now = clock.GetUtcNow();
        var message = new TimelineMessage(StoreIds.New(), current.ConversationId, NextSequence(current), MessageKind.Outbound, channel, identity, null,
            reply.Text, reply.OperatorId, reply.AuthorName, DeliveryState.Queued, null, now, now, reply.Attachments);

        // An operator who answers a waiting conversation takes it, as in every contact center console.
        var takes = reply.OperatorId is not null && current.Status is ConversationStatus.Queued or ConversationStatus.Bot && current.AssigneeId is null;
        var next = current with
        {
            Status = takes ? ConversationStatus.Assigned : current.Status,
            AssigneeId = takes ? reply.OperatorId : current.AssigneeId,
            AwaitingOpenSince = reply.OperatorId is not null && reply.OperatorId == current.AssigneeId ? null : current.AwaitingOpenSince,
            LastMessageAt = now,
            LastMessagePreview = Preview(reply.Text, reply.Attachments),
        };
        var outbox = new OutboxEntry(message.MessageId, message.ConversationId, channel, identity, reply.Text, 0, now, now, reply.Attachments,
            Automated: reply.OperatorId is null && reply.AuthorName is BotAuthor or CsatAuthor or SystemAuthor, Choices: reply.Choices);
        var (_, outcome) = await CommitAsync(next, LiveEventTypes.MessageCreated, now, newMessage: message, outbox: outbox, idempotency: once?.For(message));
        if (outcome.Duplicate)
        {
            return await ReplayAsync(once) ?? outcome.Existing!; // another node committed it first under this key
        }

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
        var changed = message with { Text = newText, EditedAt = editedAt, UpdatedAt = now };
        await CommitAsync(current, LiveEventTypes.MessageEdited, now, changedMessage: changed);
        return true;
    }

    public async Task<TimelineMessage> AddNoteAsync(Guid operatorId, string authorName, string text, string? idempotencyKey = null)
    {
        var current = _state ?? throw new ConversationException("There is no conversation with this customer yet.");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ConversationException("A note needs text.");
        }

        var once = Once(operatorId, idempotencyKey, NoteFingerprint(text));
        if (await ReplayAsync(once) is { } first)
        {
            return first;
        }

        var now = clock.GetUtcNow();
        var message = new TimelineMessage(StoreIds.New(), current.ConversationId, NextSequence(current), MessageKind.Note, "note", null, null, text,
            operatorId, authorName, null, null, now, now);
        var (_, outcome) = await CommitAsync(current, LiveEventTypes.MessageCreated, now, newMessage: message, idempotency: once?.For(message));
        return outcome.Duplicate ? await ReplayAsync(once) ?? outcome.Existing! : message;
    }

    public Task<ConversationSnapshot> AssignAsync(Guid? operatorId, ActingOperator? by = null) => ChangeByAsync(by, current => current with
    {
        AssigneeId = operatorId,
        Status = operatorId is null ? ConversationStatus.Queued : ConversationStatus.Assigned,
        QueuedAt = operatorId is null ? KeptWait(current) : current.QueuedAt,
    });

    public Task<ConversationSnapshot> RequeueFromAsync(Guid operatorId) => ChangeAsync(current =>
        current is { Status: ConversationStatus.Assigned } && current.AssigneeId == operatorId ? Unassigned(current) : current);

    private ConversationSnapshot Unassigned(ConversationSnapshot current) =>
        current with { AssigneeId = null, Status = ConversationStatus.Queued, QueuedAt = KeptWait(current) };

    /// <summary>
    /// When a conversation going back to the queue (an unassign, a requeue) counts its wait from: when it first entered it,
    /// so it takes back its place; now for one that never recorded it. Its team stays.
    /// </summary>
    private DateTimeOffset? KeptWait(ConversationSnapshot current) =>
        current.QueuedAt ?? (current.Status == ConversationStatus.Queued ? null : clock.GetUtcNow());

    public async Task<ConversationSnapshot> ResolveAsync(ActingOperator? by = null)
    {
        var wasResolved = _state?.Status == ConversationStatus.Resolved;
        var resolved = await ChangeByAsync(by, current => current with { Status = ConversationStatus.Resolved });
        return by is not null && !wasResolved ? await AskForRatingAsync(resolved) : resolved; // a person resolved it: ask the customer for a rating
    }

    /// <summary>
    /// A change an operator makes. In a conversation a colleague holds it needs a supervisor or a take-over, and is then
    /// committed with a timeline item naming both operators, raised as <see cref="LiveEventTypes.TakenOver"/>.
    /// </summary>
    private async Task<ConversationSnapshot> ChangeByAsync(ActingOperator? by, Func<ConversationSnapshot, ConversationSnapshot> change)
    {
        var current = _state ?? throw new ConversationException("There is no conversation with this customer yet.");
        var changed = change(current);
        if (by is null || changed == current || HolderBesides(current, by) is not { } holder)
        {
            return await ChangeAsync(change);
        }

        if (!by.MayOverride)
        {
            throw await HeldAsync(holder);
        }

        return await OverrideAsync(current, changed, by, holder);
    }

    /// <summary>The operator other than <paramref name="by"/> who is working on the conversation, if any.</summary>
    private static Guid? HolderBesides(ConversationSnapshot current, ActingOperator by) =>
        current.Status == ConversationStatus.Assigned && current.AssigneeId is { } holder && holder != by.OperatorId ? holder : null;

    private async Task<ConversationHeldException> HeldAsync(Guid holder) => new(holder,
        $"{await NameOfAsync(holder)} is working on this conversation: take it over explicitly, or ask a supervisor.");

    /// <summary>Commits a change of a colleague's conversation with the timeline item that says who did what to whom.</summary>
    private async Task<ConversationSnapshot> OverrideAsync(ConversationSnapshot current, ConversationSnapshot changed, ActingOperator by, Guid holder)
    {
        var holderName = await NameOfAsync(holder);
        var assigneeName = changed.AssigneeId is { } assigned && assigned != by.OperatorId ? await NameOfAsync(assigned) : null;
        var (action, text) = changed.Status == ConversationStatus.Resolved ? (TimelineActions.Resolve, $"{by.Name} resolved the conversation {holderName} was working on.")
            : changed.AssigneeId == by.OperatorId ? (TimelineActions.TakeOver, $"{by.Name} took over the conversation from {holderName}.")
            : changed.AssigneeId is not null ? (TimelineActions.Reassign, $"{by.Name} reassigned the conversation from {holderName} to {assigneeName}.")
            : (TimelineActions.Unassign, $"{by.Name} put the conversation {holderName} was working on back in the queue.");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TimelineActions.Key] = action,
            ["previousAssigneeId"] = holder.ToString(),
            ["previousAssigneeName"] = holderName,
            ["byOperatorId"] = by.OperatorId.ToString(),
        };
        if (changed.AssigneeId is { } assignee)
        {
            metadata["assigneeId"] = assignee.ToString();
            metadata["assigneeName"] = assignee == by.OperatorId ? by.Name : assigneeName ?? "";
        }

        var now = clock.GetUtcNow();
        var item = new TimelineMessage(StoreIds.New(), current.ConversationId, NextSequence(current), MessageKind.Event, "event", null, null, text,
            by.OperatorId, by.Name, null, null, now, now, Metadata: metadata);
        return (await CommitAsync(changed, LiveEventTypes.TakenOver, now, newMessage: item)).Next;
    }

    private async Task<string> NameOfAsync(Guid operatorId) =>
        (await operators.GetAsync(operatorId))?.DisplayName is { Length: > 0 } name ? name : operatorId.ToString();

    public async Task<ConversationSnapshot> ReopenAsync()
    {
        if (_state is { Status: ConversationStatus.Resolved, AssigneeId: null } resolved)
        {
            // back in the queue from outside: routed anew, waiting from now
            var team = await RouteAsync(new RoutingFacts(resolved.LastInboundChannel, resolved.Handoff?.Intent, null, resolved.Handoff?.PossibleVictim == true));
            return await ChangeAsync(current => current with { Status = ConversationStatus.Queued, Team = team, QueuedAt = clock.GetUtcNow() });
        }

        return await ChangeAsync(current => current.Status != ConversationStatus.Resolved
            ? current
            : current with { Status = current.AssigneeId is null ? ConversationStatus.Queued : ConversationStatus.Assigned });
    }

    public async Task<bool> RecordBotTurnAsync(BotTurnRecord turn)
    {
        if (_state is not { Status: ConversationStatus.Bot } current)
        {
            return false; // a person took the conversation meanwhile: the bot stays silent
        }

        if (turn.AnsweredFromMemory is { } answeredFrom && !string.Equals(answeredFrom, current.BotMemory ?? "", StringComparison.Ordinal))
        {
            return false; // another turn was recorded since the bot read the memory: it answers again from the memory stored now
        }

        var inbound = await store.GetMessageAsync(turn.InboundMessageId);
        if (inbound?.BotDecision is not null)
        {
            return false; // answered already (another node's bot, or a retry): never answer twice
        }

        var now = clock.GetUtcNow();
        var labels = (current.Labels ?? []).Union(turn.Labels, StringComparer.Ordinal).ToList();
        var next = current with { Labels = labels, BotMemory = turn.Memory };
        var decided = inbound is not null && inbound.ConversationId == current.ConversationId
            ? inbound with { BotDecision = turn.Decision, UpdatedAt = now }
            : null;
        await CommitAsync(next, decided is null ? LiveEventTypes.ConversationChanged : LiveEventTypes.BotDecision, now, changedMessage: decided);

        foreach (var text in turn.Replies.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            await ReplyAsync(new ReplyRequest(null, BotAuthor, text, null, null));
        }

        if (turn.Handoff is { } handoff)
        {
            var language = string.IsNullOrWhiteSpace(turn.Decision.Language) ? CustomerLanguage.Detect(inbound?.Text) : turn.Decision.Language;
            var intent = string.IsNullOrWhiteSpace(handoff.Intent) ? turn.Decision.Intent : handoff.Intent;
            var team = await RouteAsync(new RoutingFacts(inbound?.Channel ?? current.LastInboundChannel, intent, language, handoff.PossibleVictim));
            await ChangeAsync(c => c with { Status = ConversationStatus.Queued, AssigneeId = null, Handoff = handoff, Team = team, QueuedAt = clock.GetUtcNow() });
            await AnswerOutOfHoursAsync(turn.Decision.Language, inbound?.Text); // SLA: handed over while closed
        }

        return true;
    }

    /// <summary>The author name of the bot's replies on the timeline.</summary>
    public const string BotAuthor = "bot";

    public async Task RecordCallAsync(CallInfo call)
    {
        if (Survivor is { } survivor)
        {
            await survivor.RecordCallAsync(call);
            return;
        }

        var now = clock.GetUtcNow();
        var current = _state ?? New(now);
        var externalId = "call:" + call.CallId;
        var existing = _state is null ? null : await store.FindByExternalIdAsync(ChannelVoice, externalId, MessageKind.CallEvent);
        if (existing is null)
        {
            var message = new TimelineMessage(StoreIds.New(), current.ConversationId, NextSequence(current), MessageKind.CallEvent, ChannelVoice,
                call.CallerE164 is null ? null : new ChannelIdentity(IdentityKinds.Phone, call.CallerE164).ToString(), externalId, call.Describe(), null, null, null, null, now, now, Call: call);
            var next = current with { LastMessageAt = now, LastMessagePreview = Preview(message.Text) };
            await CommitAsync(next, LiveEventTypes.CallUpdated, now, newMessage: message);
        }
        else
        {
            // The call is the conversation's last item (nothing came after it): the list's preview follows the call as it moves on
            // (answered, ended, missed), so that it is right after a reload too.
            var text = call.Describe();
            var next = existing.CreatedAt == current.LastMessageAt ? current with { LastMessagePreview = Preview(text) } : current;
            await CommitAsync(next, LiveEventTypes.CallUpdated, now, changedMessage: existing with { Text = text, Call = call, UpdatedAt = now });
        }
    }

    private const string ChannelVoice = "voice";

    public async Task<ConversationSnapshot> AbsorbAsync(Guid otherConversationId)
    {
        var now = clock.GetUtcNow();
        var current = _state ?? New(now);
        var other = await store.GetConversationAsync(otherConversationId);
        var otherIsNewer = other?.LastMessageAt is { } otherLast && (current.LastMessageAt is null || otherLast > current.LastMessageAt);
        var next = current with
        {
            LastMessageAt = otherIsNewer ? other!.LastMessageAt : current.LastMessageAt,
            LastInboundChannel = otherIsNewer && other!.LastInboundChannel is not null ? other.LastInboundChannel : current.LastInboundChannel ?? other?.LastInboundChannel,
            LastInboundIdentity = otherIsNewer && other!.LastInboundIdentity is not null ? other.LastInboundIdentity : current.LastInboundIdentity ?? other?.LastInboundIdentity,
            LastMessagePreview = otherIsNewer ? other!.LastMessagePreview : current.LastMessagePreview ?? other?.LastMessagePreview,
            AssigneeId = current.AssigneeId ?? other?.AssigneeId,
            Status = current.Status == ConversationStatus.Resolved && other is { Status: not ConversationStatus.Resolved }
                ? other.Status
                : current.AssigneeId is null && other?.AssigneeId is not null && current.Status != ConversationStatus.Resolved ? ConversationStatus.Assigned : current.Status,
        };
        return (await CommitAsync(next, LiveEventTypes.ConversationMerged, now, move: new TimelineMove(otherConversationId, next.ConversationId, Back: false))).Next;
    }

    public async Task<ConversationSnapshot> SplitAsync(Guid otherConversationId)
    {
        var current = _state ?? throw new ConversationException("There is no conversation with this customer yet.");
        var move = new TimelineMove(otherConversationId, current.ConversationId, Back: true);
        return (await CommitAsync(current, LiveEventTypes.ConversationMerged, clock.GetUtcNow(), move: move)).Next;
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
        if (Survivor is { } survivor)
        {
            await survivor.RecordDeliveryAsync(messageId, state, error, providerMessageId);
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
        var changed = message with
        {
            Delivery = state,
            DeliveryError = error,
            ExternalId = providerMessageId ?? message.ExternalId,
            UpdatedAt = now,
        };
        await CommitAsync(current, LiveEventTypes.MessageDelivery, now, changedMessage: changed);
    }

    public async Task<ConversationSnapshot> SetLabelsAsync(IReadOnlyList<string> labels)
    {
        if (Survivor is { } survivor)
        {
            return await survivor.SetLabelsAsync(labels);
        }

        return await ChangeAsync(current => (current.Labels ?? []).SequenceEqual(labels, StringComparer.Ordinal) ? current : current with { Labels = labels.ToList() });
    }

    private async Task<ConversationSnapshot> ChangeAsync(Func<ConversationSnapshot, ConversationSnapshot> change)
    {
        var current = _state ?? throw new ConversationException("There is no conversation with this customer yet.");
        var changed = change(current);
        if (changed == current)
        {
            return current;
        }

        return (await CommitAsync(changed, LiveEventTypes.ConversationChanged, clock.GetUtcNow())).Next;
    }

    /// <summary>
    /// Numbers the next event, commits it with its effect in one store transaction and, once that is durable, keeps the new
    /// state and raises the event. On a duplicate (the store has the inbound message already) nothing changes and nothing is raised.
    /// </summary>
    /// <param name="next">The conversation after the step; its sequence and update time are set here.</param>
    /// <param name="newMessage">A new timeline item, numbered with <see cref="NextSequence"/>; the event carries it.</param>
    /// <param name="changedMessage">A changed timeline item; the event carries it.</param>
    private async Task<(ConversationSnapshot Next, CommitOutcome Outcome)> CommitAsync(ConversationSnapshot next, string eventType, DateTimeOffset now,
        TimelineMessage? newMessage = null, TimelineMessage? changedMessage = null, OutboxEntry? outbox = null, TimelineMove? move = null,
        KeyValuePair<string, string>? cursor = null, IReadOnlyList<SlaClockRecord>? sla = null, IdempotencyRecord? idempotency = null,
        CustomerSummary? newCustomer = null, string? claimedIdentity = null)
    {
        // SLA (issue 14): the step's queue entry time and the clocks it starts or stops, written in the same transaction.
        next = ConversationSla.MarkQueued(_state, next, now);
        sla ??= await Clocks.StepAsync(_state, next, newMessage, now);
        var sequence = NextSequence(next);
        var previous = _state;
        if (next.AwaitingOpenSince is not null && previous is not null && previous.AwaitingOpenSince is not null
            && (next.Status != ConversationStatus.Assigned || next.AssigneeId != previous.AssigneeId))
        {
            next = next with { AwaitingOpenSince = null }; // routing's assignment ended before it was opened
        }

        next = next with { LastSequence = sequence, UpdatedAt = now };
        var liveEvent = new LiveEvent(next.ConversationId, sequence, eventType, now, next, newMessage ?? changedMessage);
        CommitOutcome outcome;
        try
        {
            outcome = await store.CommitAsync(new ConversationCommit(next, [liveEvent], newMessage, changedMessage, outbox, move, cursor, sla, idempotency, newCustomer,
                claimedIdentity));
        }
        catch (Exception ex) when (ex is StepConflictException or IdentityClaimedException)
        {
            // StepConflictException: the store is ahead of this activation. IdentityClaimedException: the conversation of a
            // customer that does not exist after all (its message went to the identity's owner). Either way this activation
            // leaves, and the next step starts from what the store holds.
            DeactivateOnIdle();
            throw;
        }

        if (!outcome.Duplicate)
        {
            _state = next;
            Clocks.Apply(sla);
            publisher.Publish(liveEvent);
            WakeRouting(previous, next);
        }

        return (next, outcome);
    }

    /// <summary>
    /// Tells automatic assignment what the change may allow, without waiting for it (one-way calls, so no cycle with the
    /// grains that call this one): a conversation that entered a team's queue wakes the team's queue; an operator whose
    /// conversation ended or went elsewhere has room again, which wakes their teams' queues.
    /// </summary>
    private void WakeRouting(ConversationSnapshot? previous, ConversationSnapshot next)
    {
        if (next is { Status: ConversationStatus.Queued, AssigneeId: null, MergedInto: null, Team: { } team }
            && !(previous is { Status: ConversationStatus.Queued, AssigneeId: null } && string.Equals(previous.Team, team, StringComparison.OrdinalIgnoreCase)))
        {
            GrainFactory.Reference<ITeamQueueGrain>(TeamKeys.Normalize(team)).ConversationQueuedAsync().Ignore();
        }

        if (previous is { Status: ConversationStatus.Assigned, AssigneeId: { } was } && (next.Status != ConversationStatus.Assigned || next.AssigneeId != was))
        {
            GrainFactory.Reference<IOperatorPresenceGrain>(was).WakeTeamsAsync().Ignore();
        }
    }

    public async Task<bool> AutoAssignAsync(Guid operatorId, string team)
    {
        if (_state is not { Status: ConversationStatus.Queued, AssigneeId: null, MergedInto: null } current
            || current.Team is null || TeamKeys.Normalize(current.Team) != TeamKeys.Normalize(team))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var name = await NameOfAsync(operatorId);
        var item = EventItem(current, now, $"Routing assigned the conversation to {name} ({current.Team}).", TimelineActions.AutoAssign,
            ("assigneeId", operatorId.ToString()), ("assigneeName", name), ("team", current.Team));
        var next = current with { Status = ConversationStatus.Assigned, AssigneeId = operatorId, AwaitingOpenSince = now };
        await CommitAsync(next, LiveEventTypes.ConversationChanged, now, newMessage: item);
        return true;
    }

    public Task MarkOpenedAsync(Guid operatorId) => ChangeAsync(current =>
        current.AssigneeId == operatorId && current.AwaitingOpenSince is not null ? current with { AwaitingOpenSince = null } : current);

    public async Task<bool> ExpireAssignmentAsync(Guid operatorId, DateTimeOffset openBy)
    {
        if (_state is not { Status: ConversationStatus.Assigned, AwaitingOpenSince: { } since } current || current.AssigneeId != operatorId || since >= openBy)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var name = await NameOfAsync(operatorId);
        var item = EventItem(current, now, $"{name} did not open the conversation in time: it is back in the queue.", TimelineActions.AssignmentExpired,
            ("previousAssigneeId", operatorId.ToString()), ("previousAssigneeName", name));
        await CommitAsync(Unassigned(current) with { AwaitingOpenSince = null }, LiveEventTypes.ConversationChanged, now, newMessage: item);
        return true;
    }

    /// <summary>An event item for the timeline, recording <paramref name="action"/> (<see cref="TimelineActions"/>) with its details.</summary>
    private static TimelineMessage EventItem(ConversationSnapshot current, DateTimeOffset now, string text, string action, params (string Key, string Value)[] details)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [TimelineActions.Key] = action };
        foreach (var (key, value) in details)
        {
            metadata[key] = value;
        }

        return new TimelineMessage(StoreIds.New(), current.ConversationId, NextSequence(current), MessageKind.Event, "event", null, null, text,
            null, null, null, null, now, now, Metadata: metadata);
    }

    /// <summary>The sequence number of the conversation's next event.</summary>
    private static long NextSequence(ConversationSnapshot current) => current.LastSequence + 1;

    /// <summary>The conversation this one was merged into, which takes its calls; null while it keeps its own timeline.</summary>
    private IConversationGrain? Survivor => _state?.MergedInto is { } survivor ? GrainFactory.Reference<IConversationGrain>(survivor) : null;

    /// <summary>
    /// Where a reply goes: where the customer last wrote from, or the channel and identity the operator picked (either may be
    /// left out when the other says it). An operator's reply to an identity the channel cannot write to now (SMS STOP, a
    /// blocked bot), to a channel the customer has no address on, or to an identity not theirs is refused at once
    /// (<see cref="ConversationInputException"/>) rather than failed later by the outbox.
    /// </summary>
    private async Task<(string Channel, string Identity)> ChooseRecipientAsync(ConversationSnapshot current, ReplyRequest reply)
    {
        var card = reply.OperatorId is null && reply.Channel is null && reply.Identity is null
            ? null // the bot answers where the customer wrote from
            : await GrainFactory.Reference<ICustomerGrain>(current.CustomerId).GetAsync();
        if (reply.Identity is null && reply.Channel is null)
        {
            if (current.LastInboundChannel is null || current.LastInboundIdentity is null)
            {
                throw new ConversationException("The customer has no channel to reply through; pick one.");
            }

            if (ChannelIdentity.TryParse(current.LastInboundIdentity, out var last))
            {
                RefuseUnreachable(card, current.LastInboundChannel, last, "channel");
            }

            return (current.LastInboundChannel, current.LastInboundIdentity);
        }

        ChannelIdentity? wanted = null;
        if (reply.Identity is not null && (!ChannelIdentity.TryParse(reply.Identity, out wanted) || card is null || !card.Identities.Contains(wanted)))
        {
            throw new ConversationInputException("identity", $"'{reply.Identity}' is not one of this customer's identities.");
        }

        var channel = reply.Channel ?? IdentityKinds.OnlyChannelFor(wanted!.Kind)
            ?? throw new ConversationInputException("channel", $"Name the channel to reach {wanted}: sms or whatsapp.");
        var kind = IdentityKinds.WrittenToBy(channel)
            ?? throw new ConversationInputException("channel", "Replies go through telegram, vk, whatsapp, sms, email or api.");
        if (wanted is null)
        {
            // the identity the customer last wrote from when the channel writes to it, else their first one it can reach
            var fitting = card?.Identities.Where(i => i.Kind == kind).ToList() ?? [];
            wanted = fitting.FirstOrDefault(i => i.ToString() == current.LastInboundIdentity && !card!.IsUnreachable(channel, i))
                ?? fitting.FirstOrDefault(i => !card!.IsUnreachable(channel, i))
                ?? fitting.FirstOrDefault()
                ?? throw new ConversationInputException("channel", $"The customer has no address {channel} can write to.");
        }
        else if (wanted.Kind != kind)
        {
            throw new ConversationInputException("channel", $"{channel} cannot write to {wanted}.");
        }

        RefuseUnreachable(card, channel, wanted, reply.Identity is null ? "channel" : "identity");
        return (channel, wanted.ToString());
    }

    private static void RefuseUnreachable(CustomerCard? card, string channel, ChannelIdentity identity, string field)
    {
        if (card?.UnreachableOn is not null && card.UnreachableOn.TryGetValue(channel, out var identities)
            && identities.TryGetValue(identity.ToString(), out var reason))
        {
            throw new ConversationInputException(field, $"{identity} cannot receive messages by {channel} now ({reason}); pick another channel.");
        }
    }

    private ConversationSnapshot New(DateTimeOffset now)
    {
        var id = this.GetPrimaryKey();
        return new ConversationSnapshot(id, id, InitialStatus(), null, 0, null, null, null, null, now, now);
    }

    /// <summary>The configured first status; <c>bot</c> only while a bot is there to answer.</summary>
    private ConversationStatus InitialStatus() =>
        options.Value.InitialStatus == ConversationStatus.Bot && !botOptions.Value.Enabled ? ConversationStatus.Queued : options.Value.InitialStatus;

    private string Preview(string text, IReadOnlyList<AttachmentInfo>? attachments = null)
    {
        if (string.IsNullOrWhiteSpace(text) && attachments is { Count: > 0 })
        {
            text = "📎 " + string.Join(", ", attachments.Select(a => a.FileName));
        }

        return text.Length <= options.Value.PreviewLength ? text : text[..options.Value.PreviewLength] + "…";
    }

    /// <summary>The team routing chooses for this conversation as it enters the queue (null: none).</summary>
    private Task<string?> RouteAsync(RoutingFacts facts) => router.ChooseTeamAsync(this.GetPrimaryKey(), facts);

    public async Task<ConversationSnapshot> TransferAsync(TransferRequest transfer)
    {
        var current = _state ?? throw new ConversationException("There is no conversation with this customer yet.");
        if ((transfer.OperatorId is null) == (transfer.Team is null))
        {
            throw new ConversationInputException("operatorId", "Name one target: an operator or a team.");
        }

        if (string.IsNullOrWhiteSpace(transfer.Note))
        {
            throw new ConversationInputException("note", "A transfer needs a note.");
        }

        if (current.Status == ConversationStatus.Resolved)
        {
            throw new ConversationException("The conversation is resolved: reopen it first.");
        }

        var by = transfer.By;
        if (HolderBesides(current, by) is { } holder && !by.MayOverride)
        {
            throw await HeldAsync(holder);
        }

        var now = clock.GetUtcNow();
        var changed = transfer.OperatorId is { } operatorId
            ? current with { AssigneeId = operatorId, Status = ConversationStatus.Assigned }
            : current with
            {
                AssigneeId = null,
                Status = ConversationStatus.Queued,
                Team = transfer.Team,
                QueuedAt = current.Status == ConversationStatus.Queued ? current.QueuedAt ?? now : now,
            };
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TimelineActions.Key] = TimelineActions.Transfer,
            ["fromOperatorId"] = by.OperatorId.ToString(),
            ["note"] = transfer.Note,
        };
        if (current.AssigneeId is { } previous)
        {
            metadata["previousAssigneeId"] = previous.ToString();
        }

        string target;
        if (transfer.OperatorId is { } to)
        {
            metadata["toOperatorId"] = to.ToString();
            target = await NameOfAsync(to);
            metadata["toOperatorName"] = target;
        }
        else
        {
            metadata["toTeam"] = transfer.Team!;
            target = $"team {transfer.Team}";
        }

        var item = new TimelineMessage(StoreIds.New(), current.ConversationId, NextSequence(current), MessageKind.Event, "event", null, null,
            $"{by.Name} transferred the conversation to {target}: {transfer.Note.Trim()}", by.OperatorId, by.Name, null, null, now, now, Metadata: metadata);
        return (await CommitAsync(changed, LiveEventTypes.TakenOver, now, newMessage: item)).Next;
    }

    /// <summary>The author name of automatic answers that are not the bot's (the out-of-hours answer).</summary>
    public const string SystemAuthor = "system";

    private ConversationSla Clocks => _sla ??= new ConversationSla(slaServices, this.GetPrimaryKey());

    public async Task<int> RecordSlaDueAsync()
    {
        var recorded = 0;
        while (_state is { MergedInto: null } current && Clocks.Reached(clock.GetUtcNow()) is { } reached)
        {
            var now = clock.GetUtcNow();
            var item = ConversationSla.Item(current, NextSequence(current), reached.Clock, reached.Action, now);
            var type = reached.Action == TimelineActions.SlaBreached ? LiveEventTypes.SlaBreached : LiveEventTypes.SlaAtRisk;
            await CommitAsync(current, type, now, newMessage: item, sla: [reached.Clock]);
            recorded++;
        }

        return recorded;
    }

    /// <summary>
    /// Sends the out-of-hours answer when the conversation waits for a person, the schedule that applies is closed and this
    /// closed period was not announced yet: the timeline item (with the announced opening) first, then the answer through the
    /// outbox, so that a failure between them loses the answer rather than sending it twice.
    /// </summary>
    private async Task AnswerOutOfHoursAsync(string? botLanguage, string? customerText)
    {
        var now = clock.GetUtcNow();
        if (_state is not { Status: ConversationStatus.Queued } current || await Clocks.OutOfHoursAsync(current, now) is not { } due)
        {
            return;
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TimelineActions.Key] = TimelineActions.OutOfHours,
            ["until"] = due.Opening.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["policyTeam"] = due.Policy?.Team ?? "",
            ["schedule"] = due.Schedule ?? "",
        };
        var item = new TimelineMessage(StoreIds.New(), current.ConversationId, NextSequence(current), MessageKind.Event, "event", null, null,
            "Out of hours: the customer was told when operators are back.", null, SystemAuthor, null, null, now, now, Metadata: metadata);
        var row = Clocks.OutOfHoursRow(now, due.Opening, due.Policy, ConversationSla.PriorityOf(current));
        await CommitAsync(current, LiveEventTypes.MessageCreated, now, newMessage: item, sla: [row]);
        var text = OutOfHoursTexts.Answer(OutOfHoursTexts.LanguageOf(botLanguage, customerText), due.Opening, due.Hours);
        await ReplyAsync(new ReplyRequest(null, SystemAuthor, text, null, null));
    }
}
