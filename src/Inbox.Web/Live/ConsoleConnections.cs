using System.Collections.Concurrent;
using Inbox.Domain.Calls;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Operators;

namespace Inbox.Web.Live;

/// <summary>
/// The consoles connected to this node, and who should see which event: supervisors and admins see everything;
/// an operator sees the queue (unassigned conversations), their own conversations, the ones they have open, and every
/// change of status or assignee (so a conversation leaves their queue when someone takes it, and an operator hears that a
/// colleague took over their conversation). SLA warnings and breaches go to supervisors, the assignee and the consoles that
/// have the conversation open. Each connection
/// receives an event once, however many of these reasons apply.
/// </summary>
public sealed class ConsoleConnections
{
    private readonly ConcurrentDictionary<string, ConsoleConnection> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public void Add(ConsoleConnection connection) => _connections[connection.ConnectionId] = connection;

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    public ConsoleConnection? Find(string connectionId) => _connections.GetValueOrDefault(connectionId);

    public IReadOnlyList<ConsoleConnection> All() => _connections.Values.ToList();

    public IReadOnlyList<string> Audience(LiveEvent liveEvent)
    {
        var audience = new List<string>();
        foreach (var connection in _connections.Values)
        {
            if (Concerns(connection, liveEvent))
            {
                audience.Add(connection.ConnectionId);
            }
        }

        return audience;
    }

    /// <summary>
    /// A ringing call pops up at the operator of the ringing extension (and supervisors); when nobody connected has that
    /// extension, or none is known, at every operator on duty. Answered and ended calls go to everyone, to close the pops.
    /// </summary>
    public IReadOnlyList<string> Audience(CallPop pop)
    {
        var all = _connections.Values.ToList();
        if (pop.Call.Stage == CallStage.Ringing && pop.Call.AgentExtension is { } extension && all.Any(c => c.Extension == extension))
        {
            return all.Where(c => c.Extension == extension || c.Role is OperatorRole.Supervisor or OperatorRole.Admin).Select(c => c.ConnectionId).ToList();
        }

        return all.Select(c => c.ConnectionId).ToList();
    }

    /// <summary>The supervisors' and admins' connections: who hears of operators' presence.</summary>
    public IReadOnlyList<string> Supervisors() =>
        _connections.Values.Where(c => c.Role is OperatorRole.Supervisor or OperatorRole.Admin).Select(c => c.ConnectionId).ToList();

    /// <summary>The connections that have this conversation open on screen now.</summary>
    public IReadOnlyList<string> Viewing(Guid conversationId) =>
        _connections.Values.Where(c => c.Viewing == conversationId).Select(c => c.ConnectionId).ToList();

    public static bool Concerns(ConsoleConnection connection, LiveEvent liveEvent)
    {
        if (connection.Role is OperatorRole.Supervisor or OperatorRole.Admin)
        {
            return true;
        }

        var conversation = liveEvent.Conversation;
        if (liveEvent.Type is LiveEventTypes.SlaAtRisk or LiveEventTypes.SlaBreached)
        {
            // SLA warnings go to the assignee (and the consoles that have the conversation open), not the whole floor.
            return conversation.AssigneeId == connection.OperatorId || connection.Watched.ContainsKey(liveEvent.ConversationId);
        }

        return connection.Watched.ContainsKey(liveEvent.ConversationId)
            || conversation.AssigneeId == connection.OperatorId
            || (conversation.AssigneeId is null && conversation.Status != ConversationStatus.Resolved)
            || liveEvent.Type is LiveEventTypes.ConversationChanged or LiveEventTypes.TakenOver;
    }
}
