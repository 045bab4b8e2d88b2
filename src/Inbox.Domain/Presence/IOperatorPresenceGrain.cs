namespace Inbox.Domain.Presence;

/// <summary>
/// One operator's presence (keyed by the operator's id), wherever their consoles are connected. A web node reports each
/// console connection it holds, and renews them every few seconds; a connection not renewed for
/// <c>Routing:ConnectionLifetime</c> is dropped (its node died). When the last connection is gone for
/// <c>Routing:OfflineGrace</c>, the operator is offline and their unanswered conversations go back to the queue.
/// </summary>
[Alias("Inbox.IOperatorPresenceGrain")]
public interface IOperatorPresenceGrain : IGrainWithGuidKey
{
    [Alias("Get")]
    Task<OperatorPresence> GetAsync();

    /// <summary>A console connected on <paramref name="node"/>.</summary>
    [Alias("Connect")]
    Task<OperatorPresence> ConnectAsync(string node, string connectionId);

    /// <summary>A console closed or dropped.</summary>
    [Alias("Disconnect")]
    Task<OperatorPresence> DisconnectAsync(string connectionId);

    /// <summary><paramref name="node"/> still holds these connections of the operator (and no others).</summary>
    [Alias("Renew")]
    Task RenewAsync(string node, [Immutable] IReadOnlyList<string> connectionIds);

    /// <summary>The operator sets themselves away, or available again.</summary>
    [Alias("SetAway")]
    Task<OperatorPresence> SetAwayAsync(bool away);

    /// <summary>
    /// Routing offers the operator a queued conversation of <paramref name="team"/>: taken (assigned to them) when they are
    /// online with a console connected, not away, enabled, and below their capacity, and the conversation is still waiting in
    /// that team's queue.
    /// One offer at a time per operator, so offers from several teams never take them over their capacity.
    /// </summary>
    [Alias("Offer")]
    Task<Routing.OfferOutcome> OfferAsync(Guid conversationId, string team);

    /// <summary>The operator may take more work (a conversation of theirs ended, their capacity changed): their teams' queues are woken.</summary>
    [Alias("WakeTeams"), Orleans.Concurrency.OneWay]
    Task WakeTeamsAsync();
}
