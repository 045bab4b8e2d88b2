namespace Inbox.Connectors.Telephony;

/// <summary>One call as the AMI client follows it: all legs sharing a Linkedid.</summary>
internal sealed class AmiCall(string linkedid, DateTimeOffset startedAt)
{
    public string Linkedid { get; } = linkedid;

    public DateTimeOffset StartedAt { get; set; } = startedAt;

    /// <summary>An inbound call whose events are reported; other calls are followed only to know when they end.</summary>
    public bool Tracked { get; set; }

    public string? Caller { get; set; }

    public string? CallerName { get; set; }

    public string? Dialled { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public string? AnsweredBy { get; set; }

    /// <summary>Q.850 cause of the trunk leg's hangup.</summary>
    public int? TrunkCause { get; set; }

    public Dictionary<string, AmiLeg> Legs { get; } = new(StringComparer.Ordinal);

    /// <summary>Legs whose ringing was already reported.</summary>
    public HashSet<string> RingingReported { get; } = new(StringComparer.Ordinal);

    /// <summary>DialEnd statuses other than ANSWER (BUSY, NOANSWER, CANCEL, CONGESTION, CHANUNAVAIL).</summary>
    public List<string> DialStatuses { get; } = [];

    /// <summary>Bridge id → the legs in it.</summary>
    public Dictionary<string, HashSet<string>> Bridges { get; } = new(StringComparer.Ordinal);

    public AmiLeg Leg(string uniqueid, string? channel)
    {
        if (!Legs.TryGetValue(uniqueid, out var leg))
        {
            leg = new AmiLeg(uniqueid, channel, uniqueid == Linkedid);
            Legs[uniqueid] = leg;
        }
        else if (channel is not null)
        {
            leg.Channel = channel;
        }

        return leg;
    }

    public void RemoveLeg(string uniqueid)
    {
        Legs.Remove(uniqueid);
        foreach (var bridge in Bridges.Values)
        {
            bridge.Remove(uniqueid);
        }
    }
}
