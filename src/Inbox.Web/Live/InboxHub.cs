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
public sealed class InboxHub(ConsoleConnections connections, IConversationQueries store, PresenceReporter presence,
    ViewerReporter viewers) : Hub
{
    public const string Path = "/hubs/inbox";
    public const string EventMethod = "event";
    public const string CallPopMethod = "callPop";

    /// <summary>The client method that receives an operator's new presence (supervisors and admins only).</summary>
    public const string PresenceMethod = "presence";
    public const int MaxCatchUp = 1000;

    /// <summary>The client method that receives who has the open conversation open too, and who is typing in it (<see cref="ConversationViewers"/>).</summary>
    public const string ViewersMethod = "viewers";

    /// <summary>A console passes on at most one typing signal this often; the console itself sends one every few seconds while typing.</summary>
    public static readonly TimeSpan TypingThrottle = TimeSpan.FromSeconds(2);

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
        if (connections.Find(Context.ConnectionId) is { Viewing: { } viewing } connection)
        {
            connection.Viewing = null;
            await viewers.LeaveAsync(viewing, Context.ConnectionId);
        }

        connections.Remove(Context.ConnectionId);
        // From the principal, not the list: the session sweeper takes a connection off the list before it closes it.
        if (OperatorIdentity.OperatorOf(Context.User!) is { } operatorId)
        {
            await presence.DisconnectedAsync(operatorId, Context.ConnectionId);
        }

        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// Receive every event of this conversation while it is open in the console. It is the conversation on screen now:
    /// colleagues who have it open see this operator viewing it (and no longer viewing the one watched before), and this
    /// console receives who else has it open (<see cref="ViewersMethod"/>).
    /// </summary>
    public async Task Watch(Guid conversationId)
    {
        if (connections.Find(Context.ConnectionId) is not { } connection)
        {
            return;
        }

        connection.Watched.TryAdd(conversationId, true);
        var previous = connection.Viewing;
        connection.Viewing = conversationId;
        if (previous != conversationId)
        {
            connection.LastTypingAt = default; // the throttle is per conversation viewed
        }
        if (previous is { } left && left != conversationId)
        {
            await viewers.LeaveAsync(left, Context.ConnectionId);
        }

        var user = OperatorIdentity.From(Context.User!);
        var current = await viewers.ViewAsync(conversationId, Context.ConnectionId, user.OperatorId, user.DisplayName.Length > 0 ? user.DisplayName : user.Login);
        await Clients.Caller.SendAsync(ViewersMethod, current);
    }

    public async Task Unwatch(Guid conversationId)
    {
        if (connections.Find(Context.ConnectionId) is not { } connection)
        {
            return;
        }

        connection.Watched.TryRemove(conversationId, out _);
        if (connection.Viewing == conversationId)
        {
            connection.Viewing = null;
            await viewers.LeaveAsync(conversationId, Context.ConnectionId);
        }
    }

    /// <summary>
    /// The operator is typing a reply in the conversation they have open: colleagues who have it open see it for
    /// <see cref="IConversationViewersGrain.TypingLifetime"/>. Signals closer than <see cref="TypingThrottle"/> are dropped.
    /// </summary>
    public async Task Typing(Guid conversationId)
    {
        if (connections.Find(Context.ConnectionId) is not { } connection || connection.Viewing != conversationId)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        if (now - connection.LastTypingAt < TypingThrottle)
        {
            return;
        }

        connection.LastTypingAt = now;
        await viewers.TypingAsync(conversationId, Context.ConnectionId);
    }

    /// <summary>The conversation's events after <paramref name="afterSequence"/>, oldest first (at most <see cref="MaxCatchUp"/>; ask again from the last one).</summary>
    public Task<IReadOnlyList<LiveEvent>> GetMissedEvents(Guid conversationId, long afterSequence) =>
        store.GetEventsAsync(conversationId, afterSequence, MaxCatchUp, Context.ConnectionAborted);
}
