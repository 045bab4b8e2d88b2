using Orleans.Concurrency;

namespace Inbox.Domain.Routing;

/// <summary>
/// The automatic assignment of one team's queue (keyed by the team's key). It is the one place that decides which of the
/// team's queued conversations goes to which operator, one decision at a time; each operator's presence grain decides
/// whether they have room, and each conversation grain whether it is still waiting, so no conversation goes to two
/// operators and nobody gets more than their capacity, however many nodes ask at once.
/// </summary>
[Alias("Inbox.ITeamQueueGrain")]
public interface ITeamQueueGrain : IGrainWithStringKey
{
    /// <summary>
    /// Something changed that may allow an assignment: a conversation entered the queue, an operator became free or came
    /// online, the team changed. One-way: the caller (often a conversation grain in its own turn) does not wait.
    /// </summary>
    [Alias("Wake"), OneWay]
    Task WakeAsync();

    /// <summary>
    /// A conversation entered the queue. As <see cref="WakeAsync"/>, but a new conversation gives no member room: within a
    /// second of a pass that found nobody with room, it starts no pass of its own. What gives a member room wakes the queue
    /// itself (they come online or back, a conversation of theirs ends, the team changes), and so does the periodic sweep.
    /// One-way, as <see cref="WakeAsync"/>.
    /// </summary>
    [Alias("Queued"), OneWay]
    Task ConversationQueuedAsync();

    /// <summary>
    /// The operator routing gave the conversation to has not opened it in time: it goes back to the queue (in its place) and is
    /// offered to someone else first. Nothing happens when it was opened, answered or reassigned meanwhile.
    /// </summary>
    [Alias("Expire")]
    Task ExpireAsync(Guid conversationId, Guid operatorId);
}
