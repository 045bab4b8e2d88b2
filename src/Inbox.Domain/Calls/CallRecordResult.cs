namespace Inbox.Domain.Calls;

/// <summary>Whether a call event changed the call (false: a repeat or a late event), and the call as it is now.</summary>
[GenerateSerializer, Immutable, Alias("Inbox.CallRecordResult")]
public sealed record CallRecordResult([property: Id(0)] bool Applied, [property: Id(1)] CallInfo? Call);
