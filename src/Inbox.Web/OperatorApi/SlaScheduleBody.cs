namespace Inbox.Web.OperatorApi;

/// <summary>A schedule of <see cref="SlaPoliciesBody"/>: as <see cref="SlaScheduleView"/>, holidays as <c>yyyy-MM-dd</c>.</summary>
public sealed record SlaScheduleBody(
    string? Name,
    string? TimeZone,
    bool AroundTheClock,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Week,
    IReadOnlyList<string>? Holidays);
