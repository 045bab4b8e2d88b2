namespace Inbox.Connectors;

/// <summary>
/// One thing that happened to a phone call, neutral of the PBX that reported it. A call session is keyed by
/// (<see cref="Provider"/>, <see cref="CallKey"/>) and only moves forward: ringing, answered, ended.
/// </summary>
/// <param name="Provider">cti, asterisk, zadarma, mango, twilio.</param>
/// <param name="CallKey">The PBX's id of the whole call (Zammad callId, Asterisk Linkedid, Zadarma pbx_call_id, Mango entry_id, Twilio CallSid).</param>
/// <param name="LegId">The leg, where the PBX reports legs (Asterisk Uniqueid, Mango call_id).</param>
/// <param name="Seq">The PBX's order of events of a leg, where it has one (Mango seq): a lower one than already seen is dropped.</param>
/// <param name="CallerRaw">The caller's number as the PBX sent it; normalised by the host (hidden numbers match no one).</param>
/// <param name="DialledRaw">The number that was called (the line, the DID).</param>
/// <param name="AgentExtension">The extension (or agent login) the call rings at or was answered by: the screen-pop target.</param>
public sealed record CallEvent(
    string Provider,
    string CallKey,
    string? LegId,
    long? Seq,
    CallEventKind Kind,
    CallDirection Direction,
    string? CallerRaw,
    string? CallerName,
    string? DialledRaw,
    string? AgentExtension,
    DateTimeOffset OccurredAt,
    CallEndReason? Reason = null,
    int? TalkSeconds = null,
    int? WaitSeconds = null);

public enum CallEventKind
{
    Ringing,
    Answered,
    Ended,
}

public enum CallDirection
{
    Inbound,
    Outbound,
    Internal,
}

public enum CallEndReason
{
    Answered,
    Missed,
    Busy,
    Cancelled,
    Failed,
    Rejected,
    Forwarded,
    Voicemail,
    Unknown,
}
