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

    /// <summary>
    /// The schedule whose closed hours bring the out-of-hours answer to a waiting conversation no policy with a schedule
    /// covers; empty: none (no answer then). A conversation whose policy names a schedule follows that schedule.
    /// </summary>
    public string? OutOfHoursSchedule { get; set; }

    /// <summary>
    /// How often, at the longest, the SLA watcher looks for clocks started meanwhile on other nodes (it otherwise sleeps
    /// until the next warning or due time it knows of). A setting of the node, never stored with the policies.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
