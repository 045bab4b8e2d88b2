namespace Inbox.Domain.Routing;

/// <summary>
/// The automatic assignment of one team's queue (keyed by the team's key). It is the one place that decides which of the
/// team's queued conversations goes to which operator, one decision at a time.
/// </summary>
[Alias("Inbox.ITeamQueueGrain")]
public interface ITeamQueueGrain : IGrainWithStringKey
{
    /// <summary>Something changed that may allow an assignment: a conversation entered the queue, an operator became free.</summary>
    [Alias("Wake")]
    Task WakeAsync();
}
