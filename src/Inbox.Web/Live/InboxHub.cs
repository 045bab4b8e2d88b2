using Inbox.Domain.Live;
using Inbox.Domain.Storage;
using Inbox.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Inbox.Web.Live;

/// <summary>
/// <c>/hubs/inbox</c>. The server calls the client's <c>event</c> method with each <see cref="LiveEvent"/> that concerns it.
/// A console remembers the last sequence it saw of each conversation; when it sees a gap or reconnects it calls
/// <see cref="GetMissedEvents"/> and gets exactly the events it missed, in order.
/// </summary>
[Authorize(Policy = InboxPolicies.Operator)]
public sealed class InboxHub(ConsoleConnections connections, IConversationQueries store, PresenceReporter presence) : Hub
{
    public const string Path = "/hubs/inbox";
    public const string EventMethod = "event";
    public const string CallPopMethod = "callPop";

    /// <summary>The client method that receives an operator's new presence (supervisors and admins only).</summary>
    public const string PresenceMethod = "presence";
    public const int MaxCatchUp = 1000;

    /// <summary>An operator is online while a console is connected: the connection is reported to their presence grain.</summary>
    public override async Task OnConnectedAsync()
    {
        var user = OperatorIdentity.From(Context.User!);
        connections.Add(new ConsoleConnection(Context.ConnectionId, user.OperatorId, user.Role, user.Extension,
            OperatorIdentity.SessionOf(Context.User!), Context.Abort));
        await presence.ConnectedAsync(user.OperatorId, Context.ConnectionId);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        // From the principal, not the list: the session sweeper takes a connection off the list before it closes it.
        if (OperatorIdentity.OperatorOf(Context.User!) is { } operatorId)
        {
            await presence.DisconnectedAsync(operatorId, Context.ConnectionId);
        }

        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Receive every event of this conversation while it is open in the console.</summary>
    public void Watch(Guid conversationId) => connections.Find(Context.ConnectionId)?.Watched.TryAdd(conversationId, true);

    public void Unwatch(Guid conversationId) => connections.Find(Context.ConnectionId)?.Watched.TryRemove(conversationId, out _);

    /// <summary>The conversation's events after <paramref name="afterSequence"/>, oldest first (at most <see cref="MaxCatchUp"/>; ask again from the last one).</summary>
    public Task<IReadOnlyList<LiveEvent>> GetMissedEvents(Guid conversationId, long afterSequence) =>
        store.GetEventsAsync(conversationId, afterSequence, MaxCatchUp, Context.ConnectionAborted);
}
