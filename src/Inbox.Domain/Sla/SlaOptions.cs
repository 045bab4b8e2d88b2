namespace Inbox.Domain.Sla;

/// <summary>
/// The <c>Sla</c> configuration section: named schedules (<c>Sla:Schedules:&lt;name&gt;:*</c>) and policies
/// (<c>Sla:Policies:&lt;n&gt;:*</c>). Read into a <see cref="SlaCatalog"/>; checked at start, naming the wrong key.
/// </summary>
public sealed class SlaOptions
{
    public const string SectionName = "Sla";

    public Dictionary<string, SlaScheduleOptions> Schedules { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public List<SlaPolicyOptions> Policies { get; set; } = [];
}
