namespace Inbox.Connectors.Telephony;

/// <summary>
/// Turns generic CTI events (Zammad's <c>newCall</c>/<c>answer</c>/<c>hangup</c>) into <see cref="CallEvent"/>s.
/// <para>
/// The screen-pop target (<see cref="CallEvent.AgentExtension"/>): on <c>newCall</c> the single <c>user</c> if exactly one
/// is given, else <c>queue</c>, else none (several users ring at once: the host targets by queue or the dialled line);
/// on <c>answer</c> the <c>answeringNumber</c>, else the single <c>user</c>; on <c>hangup</c> the <c>answeringNumber</c>,
/// else whoever answered.
/// </para>
/// <para>
/// The end reason: an answered call ends <see cref="CallEndReason.Answered"/> whatever the cause; otherwise <c>busy</c> is
/// Busy, <c>forwarded</c> Forwarded, <c>congestion</c>/<c>notFound</c> Failed, and <c>noAnswer</c>, <c>cancel</c>,
/// <c>normalClearing</c> or no cause are Missed (as in Zammad). "Answered" is known from an <c>answer</c> event seen by this
/// process, or an <c>answeringNumber</c> on a normally cleared hangup. A call answered by <c>voicemail</c> is not popped
/// and ends as <see cref="CallEndReason.Voicemail"/>.
/// </para>
/// </summary>
public sealed class CtiEventConverter(TimeProvider clock)
{
    public const int MaxCallIdLength = 250;

    private readonly RecentCalls<CtiCallState> _calls = new(clock, () => new CtiCallState());

    public CtiConversion Convert(CtiRequest request)
    {
        CallDirection? direction = request.Direction?.Trim().ToLowerInvariant() switch
        {
            "in" => CallDirection.Inbound,
            "out" => CallDirection.Outbound,
            _ => null,
        };
        if (direction is null)
        {
            return CtiConversion.Invalid("Invalid direction!");
        }

        CallEventKind? kind = request.Event?.Trim().ToLowerInvariant() switch
        {
            "newcall" => CallEventKind.Ringing,
            "answer" => CallEventKind.Answered,
            "hangup" => CallEventKind.Ended,
            _ => null,
        };
        if (kind is null)
        {
            return CtiConversion.Invalid("Invalid event!");
        }

        var callId = request.CallId?.Trim();
        if (string.IsNullOrEmpty(callId))
        {
            return CtiConversion.Invalid("callId is required!");
        }

        if (callId.Length > MaxCallIdLength)
        {
            return CtiConversion.Invalid($"callId is longer than {MaxCallIdLength} characters!");
        }

        var now = clock.GetUtcNow();
        var from = CallerNumbers.FromProvider(request.From);
        var to = CallerNumbers.FromProvider(request.To);
        var answering = CallerNumbers.FromProvider(request.AnsweringNumber);
        var singleUser = request.Users.Count == 1 ? request.Users[0] : null;
        var known = _calls.IfKnown<CtiCallState?>(callId, Snapshot, null);

        switch (kind.Value)
        {
            case CallEventKind.Ringing:
                var target = singleUser ?? (string.IsNullOrWhiteSpace(request.Queue) ? null : request.Queue.Trim());
                return new CtiConversion(new CallEvent(TelephonyProviders.Cti, callId, null, null, CallEventKind.Ringing, direction.Value,
                    from, null, to, target, now), null);

            case CallEventKind.Answered:
                var agent = answering ?? singleUser;
                if (IsVoicemail(agent) || request.Users.Any(IsVoicemail))
                {
                    _calls.With(callId, state => state.AnsweredByVoicemail = true);
                    return CtiConversion.Ignored;
                }

                return new CtiConversion(new CallEvent(TelephonyProviders.Cti, callId, null, null, CallEventKind.Answered, direction.Value,
                    from, null, to, agent, now, WaitSeconds: Seconds(known?.RingingAt, now)), null);

            default:
                var answeredSeen = known?.AnsweredAt is not null;
                var reason = EndReason(request.Cause, answeredSeen, answering is not null && !IsVoicemail(answering), known?.AnsweredByVoicemail == true);
                var answeredAt = known?.AnsweredAt;
                return new CtiConversion(new CallEvent(TelephonyProviders.Cti, callId, null, null, CallEventKind.Ended, direction.Value,
                    from, null, to, answering ?? known?.Agent, now, reason,
                    TalkSeconds: Seconds(answeredAt, now),
                    WaitSeconds: Seconds(known?.RingingAt, answeredAt ?? now)), null);
        }
    }

    /// <summary>Notes an event the sink has stored, so that a later hangup knows whether the call was answered.</summary>
    public void Remember(CallEvent callEvent)
    {
        _calls.With(callEvent.CallKey, state =>
        {
            if (callEvent.Kind == CallEventKind.Ringing)
            {
                state.RingingAt ??= callEvent.OccurredAt;
            }
            else if (callEvent.Kind == CallEventKind.Answered && state.AnsweredAt is null)
            {
                state.AnsweredAt = callEvent.OccurredAt;
                state.Agent = callEvent.AgentExtension;
            }

            return state;
        });
    }

    internal static CallEndReason EndReason(string? cause, bool answeredSeen, bool answeringNumberGiven, bool voicemail)
    {
        if (answeredSeen)
        {
            return CallEndReason.Answered;
        }

        if (voicemail)
        {
            return CallEndReason.Voicemail;
        }

        return cause?.Trim().ToLowerInvariant() switch
        {
            "busy" => CallEndReason.Busy,
            "forwarded" => CallEndReason.Forwarded,
            "congestion" or "notfound" => CallEndReason.Failed,
            "noanswer" or "cancel" => CallEndReason.Missed,
            _ => answeringNumberGiven ? CallEndReason.Answered : CallEndReason.Missed,
        };
    }

    private static bool IsVoicemail(string? who) => string.Equals(who?.Trim(), "voicemail", StringComparison.OrdinalIgnoreCase);

    private static int? Seconds(DateTimeOffset? from, DateTimeOffset to) =>
        from is null ? null : (int)Math.Max(0, Math.Round((to - from.Value).TotalSeconds));

    private static CtiCallState Snapshot(CtiCallState state) => new()
    {
        RingingAt = state.RingingAt,
        AnsweredAt = state.AnsweredAt,
        AnsweredByVoicemail = state.AnsweredByVoicemail,
        Agent = state.Agent,
    };
}
