using Inbox.Domain.Sla;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// What <c>GET /api/v1/sla/policies</c> answers: where the policies in force come from (<c>settings</c>, or <c>store</c> once
/// a supervisor wrote them), the schedules, the policies, the out-of-hours schedule and when they were written (store only).
/// </summary>
public sealed record SlaPoliciesView(
    string Source,
    IReadOnlyList<SlaScheduleView> Schedules,
    IReadOnlyList<SlaPolicyView> Policies,
    string? OutOfHoursSchedule = null,
    DateTimeOffset? UpdatedAt = null)
{
    public const string FromSettings = SlaPolicySet.FromSettings;

    public static SlaPoliciesView From(SlaPolicySet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var catalog = set.Catalog;
        return new SlaPoliciesView(
            set.Source,
            [.. catalog.Schedules.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase).Select(s => SlaScheduleView.From(s.Key, s.Value))],
            [.. catalog.Policies.Select(SlaPolicyView.From)],
            catalog.OutOfHoursSchedule,
            set.UpdatedAt);
    }
}
