using System.Globalization;

namespace Inbox.Connectors.Telephony;

/// <summary>
/// Maps a Twilio Voice webhook or status callback to a <see cref="CallEvent"/>: call key <c>ParentCallSid</c> (for a
/// child leg) or <c>CallSid</c>, leg <c>CallSid</c>, <c>SequenceNumber</c> as Seq. <c>CallStatus</c> <c>queued</c>/<c>ringing</c>
/// → Ringing, <c>in-progress</c> → Answered, <c>completed</c> → Ended Answered (talk time <c>CallDuration</c>),
/// <c>busy</c> → Busy, <c>no-answer</c> → Missed, <c>failed</c> → Failed, <c>canceled</c> → Cancelled. Twilio has no
/// agent extension. <c>From</c> is carrier caller ID, passed on raw (a <c>sip:</c> URI reduced to its user part).
/// </summary>
public static class TwilioVoiceConverter
{
    /// <summary>The event, or null for an unknown <c>CallStatus</c>. <paramref name="field"/> reads one form field.</summary>
    public static CallEvent? Convert(Func<string, string?> field, DateTimeOffset now)
    {
        var callSid = field("CallSid")?.Trim();
        if (string.IsNullOrEmpty(callSid))
        {
            return null;
        }

        (CallEventKind Kind, CallEndReason? Reason)? status = field("CallStatus")?.Trim().ToLowerInvariant() switch
        {
            "queued" or "ringing" => (CallEventKind.Ringing, null),
            "in-progress" => (CallEventKind.Answered, null),
            "completed" => (CallEventKind.Ended, CallEndReason.Answered),
            "busy" => (CallEventKind.Ended, CallEndReason.Busy),
            "no-answer" => (CallEventKind.Ended, CallEndReason.Missed),
            "failed" => (CallEventKind.Ended, CallEndReason.Failed),
            "canceled" => (CallEventKind.Ended, CallEndReason.Cancelled),
            _ => null,
        };
        if (status is null)
        {
            return null;
        }

        var direction = field("Direction")?.Trim().ToLowerInvariant() switch
        {
            { } outbound when outbound.StartsWith("outbound", StringComparison.Ordinal) => CallDirection.Outbound,
            _ => CallDirection.Inbound,
        };
        var parent = field("ParentCallSid")?.Trim();
        long? seq = long.TryParse(field("SequenceNumber"), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : null;
        int? duration = int.TryParse(field("CallDuration"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
        var occurredAt = DateTimeOffset.TryParse(field("Timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp) ? stamp : now;
        var callerName = field("CallerName")?.Trim();
        return new CallEvent(
            TelephonyProviders.Twilio,
            string.IsNullOrEmpty(parent) ? callSid : parent,
            callSid,
            seq,
            status.Value.Kind,
            direction,
            CallerNumbers.FromProvider(field("From") ?? field("Caller")),
            string.IsNullOrEmpty(callerName) ? null : callerName,
            CallerNumbers.FromProvider(field("To") ?? field("Called")),
            null,
            occurredAt,
            status.Value.Reason,
            TalkSeconds: status.Value.Reason == CallEndReason.Answered ? duration : null);
    }
}
