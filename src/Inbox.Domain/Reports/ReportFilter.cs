namespace Inbox.Domain.Reports;

/// <summary>Which episodes a report counts: of one team (the empty string: no team), one operator, one channel; null: all.</summary>
public sealed record ReportFilter(string? Team = null, Guid? OperatorId = null, string? Channel = null)
{
    public bool Matches(Episode episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        return (Team is null || string.Equals(Team, episode.Team ?? "", StringComparison.OrdinalIgnoreCase))
            && (OperatorId is null || OperatorId == episode.OperatorId)
            && (Channel is null || string.Equals(Channel, episode.Channel, StringComparison.OrdinalIgnoreCase));
    }
}
