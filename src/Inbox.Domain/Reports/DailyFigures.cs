using Inbox.Domain.Sla;
namespace Inbox.Domain.Reports;

/// <summary>
/// The figures of the episodes that started on one local day (or in the whole range: <see cref="Day"/> null). Times are in
/// seconds; a share is from 0 to 1; a figure with nothing to count is null. Every figure is defined in docs/reports.md.
/// </summary>
public sealed record DailyFigures(
    DateOnly? Day,
    int Conversations,
    IReadOnlyDictionary<string, int> ByChannel,
    IReadOnlyDictionary<string, int> ByIntent,
    int FirstResponses,
    double? FirstResponseP50Seconds,
    double? FirstResponseP90Seconds,
    int Resolved,
    double? ResolutionP50Seconds,
    double? ResolutionP90Seconds,
    double? ResolutionAverageSeconds,
    int BotConversations,
    int BotContained,
    double? BotContainment,
    int HandedOff,
    double? HandoffRate,
    int VictimsHandedOff,
    int VictimsHandled,
    int CsatRatings,
    double? CsatAverage,
    double? CsatSatisfiedShare,
    int SlaTargets,
    int SlaBreached,
    double? SlaAttainment);
