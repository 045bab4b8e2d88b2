using Inbox.Domain.Sla;

namespace Inbox.Web.OperatorApi;

/// <summary>What <c>GET /api/v1/sla/policies</c> answers: where the policies come from (<c>settings</c>), the schedules and the policies.</summary>
public sealed record SlaPoliciesView(string Source, IReadOnlyList<SlaScheduleView> Schedules, IReadOnlyList<SlaPolicyView> Policies)
{
    public const string FromSettings = "settings";

    public static SlaPoliciesView From(SlaCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new SlaPoliciesView(
            FromSettings,
            [.. catalog.Schedules.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase).Select(s => SlaScheduleView.From(s.Key, s.Value))],
            [.. catalog.Policies.Select(SlaPolicyView.From)]);
    }
}
