namespace Inbox.Domain.Conversations;

/// <summary>
/// A transfer of a conversation, with a note for whoever gets it: to an operator (<see cref="OperatorId"/>) or to a team's
/// queue (<see cref="Team"/>), exactly one of them.
/// </summary>
[GenerateSerializer, Immutable, Alias("Inbox.TransferRequest")]
public sealed record TransferRequest(
    [property: Id(0)] ActingOperator By,
    [property: Id(1)] Guid? OperatorId,
    [property: Id(2)] string? Team,
    [property: Id(3)] string Note);
