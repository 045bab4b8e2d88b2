namespace Inbox.Domain.Reports;

/// <summary>A day range's figures: a row per local day of <see cref="TimeZone"/>, from <see cref="From"/> to <see cref="To"/> (both included), and the totals.</summary>
public sealed record DailyReport(
    DateOnly From,
    DateOnly To,
    string TimeZone,
    string? Team,
    Guid? OperatorId,
    string? Channel,
    DateTimeOffset ComputedAt,
    IReadOnlyList<DailyFigures> Days,
    DailyFigures Total);
