namespace Inbox.Domain.Conversations;

/// <summary>
/// The operator behind a command, and what they may do in a conversation a colleague holds: a supervisor (or admin) acts
/// directly; an operator only with <see cref="TakeOver"/>, an explicit take-over. Either way it is recorded on the timeline.
/// </summary>
[GenerateSerializer, Immutable, Alias("Inbox.ActingOperator")]
public sealed record ActingOperator(
    [property: Id(0)] Guid OperatorId,
    [property: Id(1)] string Name,
    [property: Id(2)] bool Supervisor,
    [property: Id(3)] bool TakeOver = false)
{
    /// <summary>Whether they may change a conversation a colleague holds.</summary>
    public bool MayOverride => Supervisor || TakeOver;
}
