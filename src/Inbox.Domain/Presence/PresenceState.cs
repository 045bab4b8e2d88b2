namespace Inbox.Domain.Presence;

/// <summary>Whether an operator can take work: <see cref="Online"/> while a console is connected, <see cref="Away"/> when they said so.</summary>
[GenerateSerializer, Alias("Inbox.PresenceState")]
public enum PresenceState
{
    /// <summary>No console connected for longer than the grace period.</summary>
    Offline = 0,

    /// <summary>A console is connected (or dropped less than the grace period ago) and the operator is available.</summary>
    Online = 1,

    /// <summary>A console is connected, but the operator set themselves away.</summary>
    Away = 2,
}
