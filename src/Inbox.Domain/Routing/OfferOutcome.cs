namespace Inbox.Domain.Routing;

/// <summary>What came of routing's offer of a queued conversation to an operator.</summary>
[GenerateSerializer, Alias("Inbox.OfferOutcome")]
public enum OfferOutcome
{
    /// <summary>The conversation is now assigned to the operator.</summary>
    Taken = 0,

    /// <summary>The operator cannot take it now: offline, away, without a console, disabled, or at their capacity.</summary>
    OperatorUnavailable = 1,

    /// <summary>The conversation no longer waits in that team's queue (taken by hand, transferred, resolved).</summary>
    NotWaiting = 2,
}
