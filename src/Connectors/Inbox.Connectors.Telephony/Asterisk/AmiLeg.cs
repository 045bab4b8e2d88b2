namespace Inbox.Connectors.Telephony;

/// <summary>One Asterisk channel (leg) of a call: the trunk leg (its Uniqueid is the call's Linkedid), a Local/ helper leg, or an agent's phone.</summary>
internal sealed class AmiLeg(string uniqueid, string? channel, bool isTrunk)
{
    public string Uniqueid { get; } = uniqueid;

    public string? Channel { get; set; } = channel;

    public bool IsTrunk { get; } = isTrunk;

    public bool IsLocal => Channel?.StartsWith("Local/", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>A phone that can be popped: not the trunk, not a Local/ helper.</summary>
    public bool IsAgent => !IsTrunk && !IsLocal && Channel is not null;

    /// <summary>The agent's extension: the device name of the channel (<c>PJSIP/101-00000032</c> → <c>101</c>).</summary>
    public string? Extension { get; set; }

    /// <summary>AMI ChannelState: 0 Down, 4 Ring, 5 Ringing, 6 Up.</summary>
    public int? State { get; set; }

    /// <summary>
    /// The device part of a channel name: <c>PJSIP/101-00000032</c> → <c>101</c>, <c>SIP/trunk-rt-0000001f</c> →
    /// <c>trunk-rt</c>, <c>PJSIP/101</c> → <c>101</c>.
    /// </summary>
    public static string? DeviceName(string? channel)
    {
        if (string.IsNullOrWhiteSpace(channel))
        {
            return null;
        }

        var slash = channel.IndexOf('/');
        var resource = slash >= 0 ? channel[(slash + 1)..] : channel;
        var dash = resource.LastIndexOf('-');
        if (dash > 0 && resource[(dash + 1)..].All(char.IsAsciiHexDigit))
        {
            resource = resource[..dash];
        }

        return resource.Length > 0 ? resource : null;
    }
}
