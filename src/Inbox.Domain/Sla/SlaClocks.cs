namespace Inbox.Domain.Sla;

/// <summary>A conversation's first-response and resolution clocks, started together.</summary>
public sealed record SlaClocks(SlaClock FirstResponse, SlaClock Resolution)
{
    /// <summary>
    /// The worse of the two at <paramref name="at"/>: the first-response clock stops at <paramref name="firstResponseAt"/>,
    /// the resolution clock at <paramref name="resolvedAt"/>.
    /// </summary>
    public SlaState StateAt(DateTimeOffset at, DateTimeOffset? firstResponseAt = null, DateTimeOffset? resolvedAt = null)
    {
        var first = FirstResponse.StateAt(at, firstResponseAt);
        var resolution = Resolution.StateAt(at, resolvedAt);
        return first > resolution ? first : resolution;
    }
}
