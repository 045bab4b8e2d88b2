using System.Globalization;

namespace Inbox.Connectors.Telephony;

/// <summary>
/// Maps Twilio Voice webhooks and callbacks to <see cref="CallEvent"/>s: call key <c>ParentCallSid</c> (for a child leg)
/// or <c>CallSid</c>, leg <c>CallSid</c>, <c>SequenceNumber</c> as Seq. Twilio has no agent extension. <c>From</c> is
/// carrier caller ID, passed on raw (a <c>sip:</c> URI reduced to its user part).
/// </summary>
/// <remarks>
/// The caller's own leg of an inbound call says nothing about whether anyone answered: Twilio answers it itself to run
/// the TwiML, so it goes <c>in-progress</c> at once and always ends <c>completed</c>, with the ring time in its
/// <c>CallDuration</c>. Its <c>in-progress</c> is therefore no event, and its <c>completed</c> is an end without a reason
/// or talk time (the host then judges by whether the forwarded leg was answered). The outcome comes from the dialled
/// leg: its status callbacks (<c>&lt;Number statusCallback&gt;</c>: <c>in-progress</c> → Answered, <c>completed</c> →
/// Ended Answered with its <c>CallDuration</c>, <c>busy</c>/<c>no-answer</c>/<c>failed</c>/<c>canceled</c>) and the
/// <c>&lt;Dial action&gt;</c> request (<see cref="ConvertDialOutcome"/>). A leg of any other call maps <c>CallStatus</c>
/// as it is: <c>queued</c>/<c>initiated</c>/<c>ringing</c> → Ringing, <c>in-progress</c> → Answered, <c>completed</c> → Ended Answered,
/// <c>busy</c> → Busy, <c>no-answer</c> → Missed, <c>failed</c> → Failed, <c>canceled</c> → Cancelled.
/// </remarks>
public static class TwilioVoiceConverter
{
    /// <summary>The event, or null for an unknown <c>CallStatus</c> or the caller's leg being answered by Twilio. <paramref name="field"/> reads one form field.</summary>
    public static CallEvent? Convert(Func<string, string?> field, DateTimeOffset now)
    {
        var callSid = field("CallSid")?.Trim();
        if (string.IsNullOrEmpty(callSid))
        {
            return null;
        }

        var callersLeg = IsCallersLeg(field);
        (CallEventKind Kind, CallEndReason? Reason)? status = field("CallStatus")?.Trim().ToLowerInvariant() switch
        {
            "queued" or "initiated" or "ringing" => (CallEventKind.Ringing, null),
            "in-progress" when callersLeg => null,
            "in-progress" => (CallEventKind.Answered, null),
            "completed" when callersLeg => (CallEventKind.Ended, null),
            "completed" => (CallEventKind.Ended, CallEndReason.Answered),
            { } other => EndOf(other),
            _ => null,
        };
        if (status is null)
        {
            return null;
        }

        int? duration = int.TryParse(field("CallDuration"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
        var occurredAt = DateTimeOffset.TryParse(field("Timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp) ? stamp : now;
        long? seq = long.TryParse(field("SequenceNumber"), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : null;
        return Event(field, callSid, seq, status.Value.Kind, status.Value.Reason, status.Value.Reason == CallEndReason.Answered ? duration : null, occurredAt);
    }

    /// <summary>
    /// The outcome of the forwarded leg from the <c>&lt;Dial action&gt;</c> request: <c>DialCallStatus</c> <c>completed</c>
    /// or <c>answered</c> → Ended Answered with talk time <c>DialCallDuration</c> (counted from the dialled party's answer),
    /// <c>busy</c> → Busy, <c>no-answer</c> → Missed, <c>failed</c> → Failed, <c>canceled</c> → Cancelled. Null when
    /// <c>CallSid</c> or a known <c>DialCallStatus</c> is missing. The call key is the caller's <c>CallSid</c>, the leg <c>DialCallSid</c>.
    /// </summary>
    public static CallEvent? ConvertDialOutcome(Func<string, string?> field, DateTimeOffset now)
    {
        var callSid = field("CallSid")?.Trim();
        var status = field("DialCallStatus")?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(callSid) || string.IsNullOrEmpty(status))
        {
            return null;
        }

        var reason = status is "completed" or "answered" ? CallEndReason.Answered : EndOf(status)?.Reason;
        if (reason is null)
        {
            return null;
        }

        int? talk = reason == CallEndReason.Answered
            && int.TryParse(field("DialCallDuration"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
        var dialled = field("DialCallSid")?.Trim();
        return Event(field, callSid, null, CallEventKind.Ended, reason, talk, now) with { LegId = string.IsNullOrEmpty(dialled) ? callSid : dialled };
    }

    /// <summary>Whether the fields are of an inbound call's own leg (the caller's, which Twilio answers to run our TwiML).</summary>
    public static bool IsCallersLeg(Func<string, string?> field) =>
        string.IsNullOrWhiteSpace(field("ParentCallSid")) && Direction(field) == CallDirection.Inbound;

    private static (CallEventKind Kind, CallEndReason? Reason)? EndOf(string status) => status switch
    {
        "busy" => (CallEventKind.Ended, CallEndReason.Busy),
        "no-answer" => (CallEventKind.Ended, CallEndReason.Missed),
        "failed" => (CallEventKind.Ended, CallEndReason.Failed),
        "canceled" => (CallEventKind.Ended, CallEndReason.Cancelled),
        _ => null,
    };

    /// <summary>
    /// <c>inbound</c> and <c>outbound-api</c> are the call's own direction. A dialled leg (<c>outbound-dial</c>, with a
    /// parent) belongs to the call that dialled it: the inbound call we forward, whose customer is its <c>From</c>.
    /// </summary>
    private static CallDirection Direction(Func<string, string?> field) => field("Direction")?.Trim().ToLowerInvariant() switch
    {
        "outbound-dial" when !string.IsNullOrWhiteSpace(field("ParentCallSid")) => CallDirection.Inbound,
        { } outbound when outbound.StartsWith("outbound", StringComparison.Ordinal) => CallDirection.Outbound,
        _ => CallDirection.Inbound,
    };

    private static CallEvent Event(Func<string, string?> field, string callSid, long? seq, CallEventKind kind, CallEndReason? reason, int? talkSeconds,
        DateTimeOffset occurredAt)
    {
        var parent = field("ParentCallSid")?.Trim();
        var callerName = field("CallerName")?.Trim();
        return new CallEvent(
            TelephonyProviders.Twilio,
            string.IsNullOrEmpty(parent) ? callSid : parent,
            callSid,
            seq,
            kind,
            Direction(field),
            CallerNumbers.FromProvider(field("From") ?? field("Caller")),
            string.IsNullOrEmpty(callerName) ? null : callerName,
            CallerNumbers.FromProvider(field("To") ?? field("Called")),
            null,
            occurredAt,
            reason,
            TalkSeconds: talkSeconds);
    }
}
