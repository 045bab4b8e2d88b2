using Inbox.Domain.Conversations;
using Inbox.Domain.Live;

namespace Inbox.Domain.Tests.Reports;

/// <summary>
/// Writes the events a conversation grain writes, at given times, into a shared list: the store's events of a scenario,
/// without a store. Each step changes the snapshot as <c>ConversationGrain</c> does.
/// </summary>
internal sealed class ScriptedConversation(List<LiveEvent> events, bool botFirst = true)
{
    public Guid Id { get; } = Guid.NewGuid();

    public ConversationSnapshot? Snapshot { get; private set; }

    public ScriptedConversation Inbound(DateTimeOffset at, string channel, string text = "hello", bool automated = false)
    {
        var current = Snapshot ?? new ConversationSnapshot(Id, Id, botFirst ? ConversationStatus.Bot : ConversationStatus.Queued, null, 0, null, null, null, null, at, at);
        var reopens = current.Status == ConversationStatus.Resolved && !automated;
        var next = current with
        {
            Status = reopens ? (botFirst ? ConversationStatus.Bot : ConversationStatus.Queued) : current.Status,
            AssigneeId = reopens ? null : current.AssigneeId,
            Handoff = reopens ? null : current.Handoff,
            LastMessageAt = at,
            LastInboundChannel = channel,
        };
        return Commit(next, LiveEventTypes.MessageCreated, at, Message(at, MessageKind.Inbound, channel, text) with { Automated = automated });
    }

    public ScriptedConversation BotDecision(DateTimeOffset at, string intent)
    {
        var decided = Message(at, MessageKind.Inbound, Snapshot!.LastInboundChannel!, "hello") with
        {
            BotDecision = new BotDecisionInfo(intent, 0.9, null, "ru"),
        };
        return Commit(Snapshot!, LiveEventTypes.BotDecision, at, decided);
    }

    public ScriptedConversation BotReply(DateTimeOffset at) =>
        Commit(Snapshot!, LiveEventTypes.MessageCreated, at, Message(at, MessageKind.Outbound, Snapshot!.LastInboundChannel!, "Your order is on its way.") with { AuthorName = "bot" });

    /// <summary>The bot hands over: queued, with the handoff card, the team routing chose and the queue entry time.</summary>
    public ScriptedConversation Handoff(DateTimeOffset at, string intent, string? team, bool victim = false, int priority = 0, bool setQueuedAt = true) =>
        Commit(Snapshot! with
        {
            Status = ConversationStatus.Queued,
            AssigneeId = null,
            Handoff = new HandoffInfo(intent, null, null, victim, victim, "summary", priority, at),
            Team = team,
            QueuedAt = setQueuedAt ? at : null,
        }, LiveEventTypes.ConversationChanged, at);

    public ScriptedConversation OperatorReply(DateTimeOffset at, Guid operatorId) =>
        Commit(Snapshot! with { Status = ConversationStatus.Assigned, AssigneeId = Snapshot!.AssigneeId ?? operatorId }, LiveEventTypes.MessageCreated, at,
            Message(at, MessageKind.Outbound, Snapshot!.LastInboundChannel!, "Hello, I am looking into it.") with { OperatorId = operatorId, AuthorName = "Operator" });

    public ScriptedConversation Resolve(DateTimeOffset at) => Commit(Snapshot! with { Status = ConversationStatus.Resolved }, LiveEventTypes.ConversationChanged, at);

    public ScriptedConversation Reopen(DateTimeOffset at) =>
        Commit(Snapshot! with { Status = Snapshot!.AssigneeId is null ? ConversationStatus.Queued : ConversationStatus.Assigned }, LiveEventTypes.ConversationChanged, at);

    /// <summary>A timeline event item (SLA, CSAT…) with its <c>action</c> and metadata.</summary>
    public ScriptedConversation Item(DateTimeOffset at, string action, params (string Key, string Value)[] metadata)
    {
        var values = metadata.ToDictionary(m => m.Key, m => m.Value);
        values[TimelineActions.Key] = action;
        return Commit(Snapshot!, LiveEventTypes.MessageCreated, at, Message(at, MessageKind.Event, "event", action) with { Metadata = values });
    }

    public ScriptedConversation SlaBreached(DateTimeOffset at, string target) =>
        Item(at, TimelineActions.SlaBreached, ("target", target), ("dueAt", at.ToString("O")));

    public ScriptedConversation SlaAtRisk(DateTimeOffset at, string target, DateTimeOffset dueAt) =>
        Item(at, TimelineActions.SlaAtRisk, ("target", target), ("dueAt", dueAt.ToString("O")));

    public ScriptedConversation Csat(DateTimeOffset at, int rating) =>
        Item(at, TimelineActions.CsatRated, ("rating", rating.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("channel", Snapshot!.LastInboundChannel!));

    /// <summary>This conversation absorbs the other customer's (the survivor's side of a merge).</summary>
    public ScriptedConversation Absorb(DateTimeOffset at, ScriptedConversation other)
    {
        var status = Snapshot!.Status == ConversationStatus.Resolved && other.Snapshot!.Status != ConversationStatus.Resolved ? other.Snapshot.Status : Snapshot.Status;
        return Commit(Snapshot with { Status = status }, LiveEventTypes.ConversationMerged, at);
    }

    /// <summary>The absorbed customer's conversation: merged into the survivor, resolved.</summary>
    public ScriptedConversation MarkMerged(DateTimeOffset at, ScriptedConversation survivor) =>
        Commit(Snapshot! with { MergedInto = survivor.Id, Status = ConversationStatus.Resolved }, LiveEventTypes.ConversationChanged, at);

    private TimelineMessage Message(DateTimeOffset at, MessageKind kind, string channel, string text) =>
        new(Guid.NewGuid(), Id, (Snapshot?.LastSequence ?? 0) + 1, kind, channel, null, null, text, null, null, null, null, at, at);

    private ScriptedConversation Commit(ConversationSnapshot next, string type, DateTimeOffset at, TimelineMessage? message = null)
    {
        var sequence = (Snapshot?.LastSequence ?? 0) + 1;
        Snapshot = next with { LastSequence = sequence, UpdatedAt = at };
        events.Add(new LiveEvent(Id, sequence, type, at, Snapshot, message is null ? null : message with { Sequence = sequence }));
        return this;
    }
}
