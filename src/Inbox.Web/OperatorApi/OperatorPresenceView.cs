using Inbox.Domain.Presence;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// An operator as a supervisor sees the floor: presence (online, away, offline) and since when, how many consoles are
/// connected, their capacity, and their load (conversations assigned to them now).
/// </summary>
public sealed record OperatorPresenceView(
    Guid OperatorId,
    string Login,
    string DisplayName,
    PresenceState State,
    DateTimeOffset? Since,
    int Connections,
    int Capacity,
    int Load);
