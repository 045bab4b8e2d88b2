using System.Globalization;

namespace Inbox.Connectors.Telephony;

/// <summary>
/// Follows AMI events and turns inbound calls into <see cref="CallEvent"/>s. Not thread-safe: one reader loop drives it.
/// <list type="bullet">
/// <item>A call is all legs sharing a <c>Linkedid</c> (the call key); legs are keyed by <c>Uniqueid</c>. Only inbound
/// calls are reported: the first leg (<c>Uniqueid == Linkedid</c>) starts in one of <see cref="AsteriskOptions.InboundContexts"/>,
/// or, without those, is not one of <see cref="AsteriskOptions.InternalDevices"/>. Outbound and internal calls are followed silently.</item>
/// <item>Ringing with no agent when the trunk leg appears (<c>Newchannel</c>); Ringing at an agent when a phone leg is
/// dialled (<c>DialBegin</c>) or rings (<c>Newstate</c> 5), once per leg; the extension is the phone's device name,
/// never a <c>Local/</c> helper leg.</item>
/// <item>Answered, once, when a phone leg goes Up (<c>Newstate</c> 6), gets <c>DialEnd ANSWER</c>, or shares a bridge
/// with another leg of the call.</item>
/// <item>Ended when the last leg of the call hangs up (losing ring-group legs, cause 26, do not end it): Answered if an
/// agent answered, else Busy (a BUSY dial or cause 17), Failed (only CHANUNAVAIL/CONGESTION), or Missed.</item>
/// <item>After a reconnect, <see cref="BeginResync"/> / <see cref="CompleteResync"/> with the CoreShowChannel list pick up
/// calls in progress and close, with reason Unknown, calls that ended while the connection was down.</item>
/// </list>
/// </summary>
internal sealed class AmiCallTracker(AsteriskOptions options)
{
    private const int PruneAbove = 5_000;
    private static readonly TimeSpan MaxCallAge = TimeSpan.FromHours(24);

    private readonly Dictionary<string, AmiCall> _calls = new(StringComparer.Ordinal);
    private AmiResync? _resync;

    public int OpenCalls => _calls.Count;

    public IReadOnlyList<CallEvent> Handle(AmiMessage message, DateTimeOffset receivedAt)
    {
        var events = new List<CallEvent>();
        var uniqueid = message.Value("Uniqueid");
        var linkedid = message.Value("Linkedid") ?? uniqueid;
        if (message.Event is not { } name || uniqueid is null || linkedid is null)
        {
            return events;
        }

        var at = Timestamp(message) ?? receivedAt;
        switch (name.ToLowerInvariant())
        {
            case "newchannel":
                OnNewchannel(message, uniqueid, linkedid, at, events);
                break;
            case "newcallerid":
                if (uniqueid == linkedid && _calls.TryGetValue(linkedid, out var recalled))
                {
                    recalled.Caller = message.Value("CallerIDNum") ?? recalled.Caller;
                    recalled.CallerName = message.Value("CallerIDName") ?? recalled.CallerName;
                }

                break;
            case "dialbegin":
                OnDialBegin(message, linkedid, at, events);
                break;
            case "dialend":
                OnDialEnd(message, linkedid, at, events);
                break;
            case "newstate":
                if (_calls.TryGetValue(linkedid, out var call))
                {
                    var leg = call.Leg(uniqueid, message.Value("Channel"));
                    leg.State = message.Integer("ChannelState") ?? leg.State;
                    ReportLegState(call, leg, at, events);
                }

                break;
            case "bridgeenter":
                OnBridgeEnter(message, uniqueid, linkedid, at, events);
                break;
            case "bridgeleave":
                if (_calls.TryGetValue(linkedid, out var left) && message.Value("BridgeUniqueid") is { } bridge && left.Bridges.TryGetValue(bridge, out var members))
                {
                    members.Remove(uniqueid);
                }

                break;
            case "hangup":
                OnHangup(message, uniqueid, linkedid, at, events);
                break;
        }

        return events;
    }

    /// <summary>Call when <c>Action: CoreShowChannels</c> is sent.</summary>
    public void BeginResync() => _resync = new AmiResync(_calls.Keys, _calls.Values.SelectMany(c => c.Legs.Keys));

    /// <summary>The list was refused or cut off: nothing is closed.</summary>
    public void AbandonResync() => _resync = null;

    /// <summary>Call with the <c>CoreShowChannel</c> events once <c>CoreShowChannelsComplete</c> arrives.</summary>
    public IReadOnlyList<CallEvent> CompleteResync(IReadOnlyList<AmiMessage> channels, DateTimeOffset at)
    {
        var events = new List<CallEvent>();
        var resync = _resync;
        _resync = null;
        if (resync is null)
        {
            return events;
        }

        var listed = channels
            .Select(c => (Message: c, Uniqueid: c.Value("Uniqueid"), Linkedid: c.Value("Linkedid") ?? c.Value("Uniqueid")))
            .Where(c => c.Uniqueid is not null && !resync.HungUp.Contains(c.Uniqueid) && !resync.Ended.Contains(c.Linkedid!))
            .GroupBy(c => c.Linkedid!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        foreach (var key in resync.CallsBefore)
        {
            if (!listed.ContainsKey(key) && _calls.Remove(key, out var gone) && gone.Tracked)
            {
                events.Add(Event(gone, gone.Linkedid, CallEventKind.Ended, gone.AnsweredBy, at, CallEndReason.Unknown,
                    talkSeconds: null, waitSeconds: null));
            }
        }

        foreach (var (key, legs) in listed)
        {
            if (!_calls.TryGetValue(key, out var call))
            {
                var trunk = legs.FirstOrDefault(l => l.Uniqueid == key).Message;
                call = new AmiCall(key, at - (Duration(trunk?["Duration"]) ?? TimeSpan.Zero));
                _calls[key] = call;
                if (trunk is not null)
                {
                    call.Tracked = IsInbound(trunk.Value("Channel"), trunk.Value("Context"));
                    call.Caller = trunk.Value("CallerIDNum");
                    call.CallerName = trunk.Value("CallerIDName");
                    if (call.Tracked)
                    {
                        events.Add(Event(call, key, CallEventKind.Ringing, null, at));
                    }
                }
            }

            foreach (var stale in call.Legs.Keys.Where(u => resync.LegsBefore.Contains(u) && legs.All(l => l.Uniqueid != u)).ToList())
            {
                call.RemoveLeg(stale);
            }

            foreach (var (message, uniqueid, _) in legs)
            {
                var leg = call.Leg(uniqueid!, message.Value("Channel"));
                leg.State = message.Integer("ChannelState") ?? leg.State;
                if (leg.IsAgent)
                {
                    leg.Extension ??= AmiLeg.DeviceName(leg.Channel);
                }

                if (message.Value("BridgeId") is { } bridge)
                {
                    Bridge(call, bridge).Add(uniqueid!);
                }
            }

            foreach (var leg in call.Legs.Values.OrderByDescending(l => l.State == 6).ToList())
            {
                ReportLegState(call, leg, at, events);
            }
        }

        return events;
    }

    private void OnNewchannel(AmiMessage message, string uniqueid, string linkedid, DateTimeOffset at, List<CallEvent> events)
    {
        if (!_calls.TryGetValue(linkedid, out var call))
        {
            Prune(at);
            call = new AmiCall(linkedid, at);
            _calls[linkedid] = call;
            if (uniqueid == linkedid)
            {
                call.Tracked = IsInbound(message.Value("Channel"), message.Value("Context"));
                call.Caller = message.Value("CallerIDNum");
                call.CallerName = message.Value("CallerIDName");
                call.Dialled = message.Value("Exten") is { } exten && exten != "s" ? exten : null;
                if (call.Tracked)
                {
                    events.Add(Event(call, uniqueid, CallEventKind.Ringing, null, at));
                }
            }
        }

        var leg = call.Leg(uniqueid, message.Value("Channel"));
        leg.State = message.Integer("ChannelState") ?? leg.State;
        if (leg.IsAgent)
        {
            leg.Extension ??= AmiLeg.DeviceName(leg.Channel);
        }
    }

    private void OnDialBegin(AmiMessage message, string linkedid, DateTimeOffset at, List<CallEvent> events)
    {
        var destination = message.Value("DestUniqueid");
        if (destination is null || !_calls.TryGetValue(linkedid, out var call))
        {
            return;
        }

        var leg = call.Leg(destination, message.Value("DestChannel"));
        if (leg.IsAgent)
        {
            leg.Extension ??= AmiLeg.DeviceName(leg.Channel) ?? message.Value("DestExten");
            ReportRinging(call, leg, at, events);
        }
    }

    private void OnDialEnd(AmiMessage message, string linkedid, DateTimeOffset at, List<CallEvent> events)
    {
        var destination = message.Value("DestUniqueid");
        if (destination is null || !_calls.TryGetValue(linkedid, out var call))
        {
            return;
        }

        var leg = call.Leg(destination, message.Value("DestChannel"));
        var status = message.Value("DialStatus")?.ToUpperInvariant();
        if (status == "ANSWER")
        {
            if (leg.IsAgent)
            {
                ReportAnswered(call, leg, at, events);
            }
        }
        else if (status is not null)
        {
            call.DialStatuses.Add(status);
        }
    }

    private void OnBridgeEnter(AmiMessage message, string uniqueid, string linkedid, DateTimeOffset at, List<CallEvent> events)
    {
        if (message.Value("BridgeUniqueid") is not { } bridgeId || !_calls.TryGetValue(linkedid, out var call))
        {
            return;
        }

        var members = Bridge(call, bridgeId);
        call.Leg(uniqueid, message.Value("Channel"));
        members.Add(uniqueid);
        if (members.Count >= 2 && members.Select(m => call.Legs.GetValueOrDefault(m)).FirstOrDefault(l => l?.IsAgent == true) is { } agent)
        {
            ReportAnswered(call, agent, at, events);
        }
    }

    private void OnHangup(AmiMessage message, string uniqueid, string linkedid, DateTimeOffset at, List<CallEvent> events)
    {
        _resync?.HungUp.Add(uniqueid);
        if (!_calls.TryGetValue(linkedid, out var call))
        {
            return;
        }

        if (uniqueid == linkedid)
        {
            call.TrunkCause = message.Integer("Cause");
        }

        call.RemoveLeg(uniqueid);
        if (call.Legs.Count > 0)
        {
            return;
        }

        _calls.Remove(linkedid);
        _resync?.Ended.Add(linkedid);
        if (!call.Tracked)
        {
            return;
        }

        var reason = EndReason(call);
        events.Add(Event(call, call.Linkedid, CallEventKind.Ended, call.AnsweredBy, at, reason,
            talkSeconds: call.AnsweredAt is { } answeredAt ? Seconds(at - answeredAt) : 0,
            waitSeconds: Seconds((call.AnsweredAt ?? at) - call.StartedAt)));
    }

    private void ReportLegState(AmiCall call, AmiLeg leg, DateTimeOffset at, List<CallEvent> events)
    {
        if (!leg.IsAgent)
        {
            return;
        }

        if (leg.State == 6)
        {
            ReportAnswered(call, leg, at, events);
        }
        else if (leg.State == 5)
        {
            ReportRinging(call, leg, at, events);
        }
    }

    private static void ReportRinging(AmiCall call, AmiLeg leg, DateTimeOffset at, List<CallEvent> events)
    {
        if (call.Tracked && call.AnsweredAt is null && call.RingingReported.Add(leg.Uniqueid))
        {
            events.Add(Event(call, leg.Uniqueid, CallEventKind.Ringing, leg.Extension, at));
        }
    }

    private static void ReportAnswered(AmiCall call, AmiLeg leg, DateTimeOffset at, List<CallEvent> events)
    {
        if (!call.Tracked || call.AnsweredAt is not null)
        {
            return;
        }

        call.AnsweredAt = at;
        call.AnsweredBy = leg.Extension;
        events.Add(Event(call, leg.Uniqueid, CallEventKind.Answered, leg.Extension, at, waitSeconds: Seconds(at - call.StartedAt)));
    }

    private static CallEndReason EndReason(AmiCall call)
    {
        if (call.AnsweredAt is not null)
        {
            return CallEndReason.Answered;
        }

        if (call.DialStatuses.Contains("BUSY") || call.TrunkCause == 17)
        {
            return CallEndReason.Busy;
        }

        return call.DialStatuses.Count > 0 && call.DialStatuses.All(s => s is "CHANUNAVAIL" or "CONGESTION")
            ? CallEndReason.Failed
            : CallEndReason.Missed;
    }

    private bool IsInbound(string? channel, string? context)
    {
        if (channel is null || channel.StartsWith("Local/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (options.InboundContexts.Count > 0)
        {
            return context is not null && options.InboundContexts.Contains(context, StringComparer.OrdinalIgnoreCase);
        }

        var device = AmiLeg.DeviceName(channel);
        return device is null || !options.InternalDevices.Contains(device, StringComparer.OrdinalIgnoreCase);
    }

    private static CallEvent Event(AmiCall call, string legId, CallEventKind kind, string? agent, DateTimeOffset at,
        CallEndReason? reason = null, int? talkSeconds = null, int? waitSeconds = null) =>
        new(TelephonyProviders.Asterisk, call.Linkedid, legId, null, kind, CallDirection.Inbound, call.Caller, call.CallerName, call.Dialled,
            agent, at, reason, talkSeconds, waitSeconds);

    private static HashSet<string> Bridge(AmiCall call, string bridgeId)
    {
        if (!call.Bridges.TryGetValue(bridgeId, out var members))
        {
            members = new HashSet<string>(StringComparer.Ordinal);
            call.Bridges[bridgeId] = members;
        }

        return members;
    }

    private void Prune(DateTimeOffset now)
    {
        if (_calls.Count < PruneAbove)
        {
            return;
        }

        foreach (var old in _calls.Values.Where(c => now - c.StartedAt > MaxCallAge).Select(c => c.Linkedid).ToList())
        {
            _calls.Remove(old);
        }
    }

    /// <summary>AMI's optional <c>Timestamp: 1715670930.123456</c> (timestampevents = yes).</summary>
    private static DateTimeOffset? Timestamp(AmiMessage message) =>
        decimal.TryParse(message["Timestamp"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
        && seconds > 0 && seconds < 253_402_300_799m
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;

    /// <summary>CoreShowChannel's <c>Duration: HH:MM:SS</c> (hours may exceed 23).</summary>
    private static TimeSpan? Duration(string? text)
    {
        var parts = text?.Split(':');
        if (parts is not { Length: 3 })
        {
            return null;
        }

        return int.TryParse(parts[0], CultureInfo.InvariantCulture, out var h) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var m)
            && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var s) && h >= 0 && m >= 0 && s >= 0
            ? new TimeSpan(h, m, s)
            : null;
    }

    private static int Seconds(TimeSpan span) => (int)Math.Max(0, Math.Round(span.TotalSeconds));
}
