namespace Inbox.Domain.Calls;

/// <summary>Where a call is. Only moves forward.</summary>
[GenerateSerializer, Alias("Inbox.CallStage")]
public enum CallStage
{
    None = 0,
    Ringing = 1,
    Answered = 2,
    Ended = 3,
}
