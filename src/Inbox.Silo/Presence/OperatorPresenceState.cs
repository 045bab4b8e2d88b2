namespace Inbox.Silo.Presence;

/// <summary>
/// What an operator's presence grain keeps durably, small on purpose: whether the operator counts as online, whether they
/// set away, and since when. The connections themselves are in memory only: their nodes renew them every few seconds.
/// </summary>
[GenerateSerializer, Alias("Inbox.OperatorPresenceState")]
public sealed class OperatorPresenceState
{
    [Id(0)]
    public bool Online { get; set; }

    [Id(1)]
    public bool Away { get; set; }

    [Id(2)]
    public DateTimeOffset? Since { get; set; }
}
