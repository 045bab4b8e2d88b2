using System.Text.Json;

namespace Inbox.Connectors.Telephony;

/// <summary>
/// Maps Mango Office VPBX events to <see cref="CallEvent"/>s: call key <c>entry_id</c> (the whole call), leg
/// <c>call_id</c>, <c>seq</c> passed on as <see cref="CallEvent.Seq"/> (the host drops a lower one than it has seen).
/// <list type="bullet">
/// <item><c>/events/call</c> <c>Appeared</c> → Ringing; the agent is <c>to.extension</c> when <c>location</c> is <c>abonent</c>.</item>
/// <item><c>Connected</c> at <c>abonent</c> → Answered by <c>to.extension</c> (a connection to the IVR or a queue is not an answer).</item>
/// <item><c>Disconnected</c> → Ended, but only when it closes the last open leg of the call this process has seen, so that the
/// losing legs of a ring group do not end the call; a disconnect of a call never seen here is left to the summary.</item>
/// <item><c>OnHold</c> and unknown states are acknowledged and ignored.</item>
/// <item><c>/events/summary</c> → Ended with <c>talk_time</c>, reason from <c>entry_result</c> (1 answered, 0 missed). When
/// the legs already ended the call, the host keeps the first end.</item>
/// </list>
/// </summary>
public sealed class MangoEventConverter(TimeProvider clock)
{
    private readonly RecentCalls<MangoEntryState> _entries = new(clock, () => new MangoEntryState());

    public MangoConversion ConvertCall(JsonElement root)
    {
        var entryId = JsonFields.Text(root, "entry_id")?.Trim();
        var callId = JsonFields.Text(root, "call_id")?.Trim();
        if (string.IsNullOrEmpty(entryId) || string.IsNullOrEmpty(callId))
        {
            return MangoConversion.Invalid("entry_id and call_id are required.");
        }

        var state = JsonFields.Text(root, "call_state");
        if (state is not ("Appeared" or "Connected" or "Disconnected"))
        {
            return MangoConversion.Ignored;
        }

        var from = JsonFields.Object(root, "from");
        var to = JsonFields.Object(root, "to");
        var seq = JsonFields.Integer(root, "seq");
        var occurredAt = JsonFields.UnixTime(root, "timestamp") ?? clock.GetUtcNow();
        var direction = Direction(from, to);
        var caller = CallerNumbers.FromProvider(JsonFields.Text(from, "number"));
        var dialled = CallerNumbers.FromProvider(direction == CallDirection.Outbound
            ? JsonFields.Text(to, "number")
            : JsonFields.Text(to, "line_number") ?? JsonFields.Text(to, "number"));
        var agent = JsonFields.Text(direction == CallDirection.Outbound ? from : to, "extension")?.Trim();
        var location = JsonFields.Text(root, "location");
        var atAgent = location == "abonent" || (location is null && agent is not null);

        CallEvent Event(CallEventKind kind, string? target, CallEndReason? reason = null, int? talkSeconds = null) =>
            new(TelephonyProviders.Mango, entryId, callId, seq, kind, direction, caller, null, dialled, target, occurredAt, reason, talkSeconds);

        return _entries.With(entryId, entry =>
        {
            var known = entry.Legs.Count > 0;
            if (!entry.Legs.TryGetValue(callId, out var leg))
            {
                leg = new MangoLegState();
                entry.Legs[callId] = leg;
            }

            var stale = seq is not null && leg.Seq is not null && seq < leg.Seq;
            if (!stale && seq is not null)
            {
                leg.Seq = seq;
            }

            switch (state)
            {
                case "Appeared":
                    if (!stale && !leg.Closed)
                    {
                        leg.Open = true;
                    }

                    return new MangoConversion(Event(CallEventKind.Ringing, atAgent ? agent : null), null);

                case "Connected":
                    if (!leg.Closed)
                    {
                        leg.Open = true;
                    }

                    if (!atAgent)
                    {
                        return MangoConversion.Ignored;
                    }

                    leg.AnsweredAt ??= occurredAt;
                    leg.Agent ??= agent;
                    return new MangoConversion(Event(CallEventKind.Answered, agent), null);

                default:
                    if (stale)
                    {
                        return MangoConversion.Ignored;
                    }

                    leg.Open = false;
                    leg.Closed = true;
                    if (!known || entry.Legs.Values.Any(l => l.Open))
                    {
                        return MangoConversion.Ignored;
                    }

                    var answered = entry.Legs.Values.Where(l => l.AnsweredAt is not null).MinBy(l => l.AnsweredAt);
                    if (answered is not null)
                    {
                        var talk = (int)Math.Max(0, (occurredAt - answered.AnsweredAt!.Value).TotalSeconds);
                        return new MangoConversion(Event(CallEventKind.Ended, answered.Agent, CallEndReason.Answered, talk), null);
                    }

                    return new MangoConversion(Event(CallEventKind.Ended, null, DisconnectReason(JsonFields.Text(root, "disconnect_reason"))), null);
            }
        });
    }

    public MangoConversion ConvertSummary(JsonElement root)
    {
        var entryId = JsonFields.Text(root, "entry_id")?.Trim();
        if (string.IsNullOrEmpty(entryId))
        {
            return MangoConversion.Invalid("entry_id is required.");
        }

        var from = JsonFields.Object(root, "from");
        var to = JsonFields.Object(root, "to");
        var direction = JsonFields.Integer(root, "call_direction") switch
        {
            0 => CallDirection.Internal,
            2 => CallDirection.Outbound,
            _ => CallDirection.Inbound,
        };
        var talk = JsonFields.Integer(root, "talk_time") is { } t and >= 0 and <= int.MaxValue ? (int)t : (int?)null;
        var reason = JsonFields.Integer(root, "entry_result") switch
        {
            1 => CallEndReason.Answered,
            0 => CallEndReason.Missed,
            _ => talk > 0 ? CallEndReason.Answered : CallEndReason.Missed,
        };
        var created = JsonFields.UnixTime(root, "create_time");
        var ended = JsonFields.UnixTime(root, "end_time");
        int? wait = null;
        if (created is not null && ended is not null)
        {
            var waitedUntil = reason == CallEndReason.Answered && talk is not null ? ended.Value.AddSeconds(-talk.Value) : ended.Value;
            wait = (int)Math.Max(0, (waitedUntil - created.Value).TotalSeconds);
        }

        var outbound = direction == CallDirection.Outbound;
        var caller = CallerNumbers.FromProvider(JsonFields.Text(from, "number"));
        var dialled = CallerNumbers.FromProvider(outbound ? JsonFields.Text(to, "number") : JsonFields.Text(root, "line_number") ?? JsonFields.Text(to, "number"));
        var agent = JsonFields.Text(outbound ? from : to, "extension")?.Trim();
        return new MangoConversion(new CallEvent(TelephonyProviders.Mango, entryId, null, null, CallEventKind.Ended, direction, caller, null, dialled,
            agent, ended ?? clock.GetUtcNow(), reason, talk, wait), null);
    }

    /// <summary>Mango's disconnect_reason for a call no agent answered: 2xxx (billing), 32xx (bad number), 42xx (unreachable) are failures; the rest missed.</summary>
    internal static CallEndReason DisconnectReason(string? code)
    {
        var text = code?.Trim() ?? "";
        return text.StartsWith('2') || text.StartsWith("32", StringComparison.Ordinal) || text.StartsWith("42", StringComparison.Ordinal)
            ? CallEndReason.Failed
            : CallEndReason.Missed;
    }

    private static CallDirection Direction(JsonElement from, JsonElement to)
    {
        var fromAgent = JsonFields.Text(from, "extension") is not null;
        var toAgent = JsonFields.Text(to, "extension") is not null;
        return fromAgent && toAgent ? CallDirection.Internal : fromAgent ? CallDirection.Outbound : CallDirection.Inbound;
    }
}
