namespace Inbox.Domain.Conversations;

/// <summary>
/// The one conversation of one customer (keyed by the customer's id). It orders everything that happens on
/// the timeline, has it stored, and raises the live event.
/// </summary>
[Alias("Inbox.IConversationGrain")]
public interface IConversationGrain : IGrainWithGuidKey
{
    [Alias("Get")]
    Task<ConversationSnapshot?> GetAsync();

    /// <summary>Stores an inbound message; completes once it is durable. A repeated external id stores nothing.</summary>
    [Alias("Receive")]
    Task<ReceiveResult> ReceiveAsync(IncomingMessage message);

    /// <summary>Stores a reply as queued and hands it to the outbox.</summary>
    [Alias("Reply")]
    Task<TimelineMessage> ReplyAsync(ReplyRequest reply);

    /// <summary>The customer edited a stored message: the text changes in place and the timeline shows when. False when no such message.</summary>
    [Alias("EditInbound")]
    Task<bool> EditInboundAsync(string channel, string externalId, string newText, DateTimeOffset editedAt);

    /// <summary>Adds a private note. With <paramref name="idempotencyKey"/>, a repeat of the same note by the same operator returns the first.</summary>
    [Alias("AddNote")]
    Task<TimelineMessage> AddNoteAsync(Guid operatorId, string authorName, string text, string? idempotencyKey = null);

    /// <summary>
    /// Assigns to an operator, or back to the queue with null. With <paramref name="by"/>, the operator doing it: when a
    /// colleague holds the conversation it is refused (<see cref="ConversationHeldException"/>) unless they may take it
    /// over, and a take-over is recorded on the timeline.
    /// </summary>
    [Alias("Assign")]
    Task<ConversationSnapshot> AssignAsync(Guid? operatorId, ActingOperator? by = null);

    /// <summary>
    /// Puts the conversation back in the queue, as <see cref="AssignAsync"/> with null does, when it is still assigned to
    /// <paramref name="operatorId"/> (who went offline); otherwise leaves it as it is. Its place in the queue is its
    /// handoff's priority and its last activity, which this does not change.
    /// </summary>
    [Alias("RequeueFrom")]
    Task<ConversationSnapshot> RequeueFromAsync(Guid operatorId);

    /// <summary>Marks the conversation resolved; <paramref name="by"/> as in <see cref="AssignAsync"/>.</summary>
    [Alias("Resolve")]
    Task<ConversationSnapshot> ResolveAsync(ActingOperator? by = null);

    [Alias("Reopen")]
    Task<ConversationSnapshot> ReopenAsync();

    /// <summary>Replaces the labels (checked by the caller); the change is a live event, so every console and list follows.</summary>
    [Alias("SetLabels")]
    Task<ConversationSnapshot> SetLabelsAsync([Immutable] IReadOnlyList<string> labels);

    /// <summary>
    /// Records the bot's answer to an inbound message: the decision on the message, the labels, the replies (queued for
    /// delivery like an operator's), and a handoff. Ignored when the conversation has left <c>bot</c> status meanwhile.
    /// </summary>
    [Alias("RecordBotTurn")]
    Task<bool> RecordBotTurnAsync(BotTurnRecord turn);

    /// <summary>Puts a call on the timeline, or updates the call's item as it moves on (answered, ended, acknowledged).</summary>
    [Alias("RecordCall")]
    Task RecordCallAsync(Calls.CallInfo call);

    /// <summary>Takes in the timeline of another customer's conversation (a merge); the other conversation must be marked merged first.</summary>
    [Alias("Absorb")]
    Task<ConversationSnapshot> AbsorbAsync(Guid otherConversationId);

    /// <summary>Gives back the items that came from <paramref name="otherConversationId"/> (an unmerge).</summary>
    [Alias("Split")]
    Task<ConversationSnapshot> SplitAsync(Guid otherConversationId);

    /// <summary>Marks this conversation merged into another (null: unmerged). While merged, inbound messages go to the survivor.</summary>
    [Alias("MarkMerged")]
    Task MarkMergedAsync(Guid? survivorConversationId);

    /// <summary>Moves an outbound message's delivery state forward (never back) and tells the operators.</summary>
    /// <param name="providerMessageId">The provider's id of the sent message, kept to match its later receipts.</param>
    [Alias("RecordDelivery")]
    Task RecordDeliveryAsync(Guid messageId, DeliveryState state, string? error, string? providerMessageId);

    /// <summary>
    /// Transfers to an operator (assigned to them) or to a team (back in the queue, unassigned, in that team; a conversation
    /// that was queued keeps its waiting time, one taken from an operator starts waiting now), with a note recorded on the
    /// timeline as an <see cref="MessageKind.Event"/> item (action <see cref="TimelineActions.Transfer"/>) and raised as
    /// <c>conversation.taken_over</c>. In a colleague's conversation, as <see cref="AssignAsync"/>; a resolved one is refused.
    /// </summary>
    [Alias("Transfer")]
    Task<ConversationSnapshot> TransferAsync(TransferRequest transfer);

    /// <summary>
    /// Routing assigns the conversation to <paramref name="operatorId"/>, only while it still waits unassigned in the queue of
    /// <paramref name="team"/>; recorded on the timeline. Until the operator opens it (<see cref="MarkOpenedAsync"/>) it can
    /// expire back to the queue. False: it was not waiting there any more.
    /// </summary>
    [Alias("AutoAssign")]
    Task<bool> AutoAssignAsync(Guid operatorId, string team);

    /// <summary>The operator opened the conversation: an assignment by routing to them no longer expires.</summary>
    [Alias("MarkOpened")]
    Task MarkOpenedAsync(Guid operatorId);

    /// <summary>
    /// Puts a conversation routing gave to <paramref name="operatorId"/> back in the queue, in its place, when they have not
    /// opened it since before <paramref name="openBy"/>; recorded on the timeline. False: opened, answered or reassigned meanwhile.
    /// </summary>
    [Alias("ExpireAssignment")]
    Task<bool> ExpireAssignmentAsync(Guid operatorId, DateTimeOffset openBy);

    /// <summary>
    /// Records the SLA moments its clocks have reached by now (the at-risk warning, the breach): each a timeline item and a
    /// live event, once however often it is asked (the SLA watcher asks when a clock's moment comes). Returns how many it recorded.
    /// </summary>
    [Alias("RecordSlaDue")]
    Task<int> RecordSlaDueAsync();
}
