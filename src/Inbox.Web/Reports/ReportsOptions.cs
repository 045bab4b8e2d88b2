namespace Inbox.Web.Reports;

/// <summary>The supervisor's numbers (<c>Reports</c>): the operators' time zone, when a bot conversation counts as ended, limits.</summary>
public sealed class ReportsOptions
{
    public const string SectionName = "Reports";

    /// <summary>The IANA time zone whose local days the daily figures count in.</summary>
    public string TimeZone { get; set; } = "Europe/Moscow";

    /// <summary>A bot conversation with no customer message for this long counts as ended (for bot containment) though nobody resolved it.</summary>
    public TimeSpan BotIdleClose { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The most days one daily report covers.</summary>
    public int MaxDays { get; set; } = 366;

    /// <summary>The shortest time between two pushes of the live figures from one node (at least one second).</summary>
    public TimeSpan PushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The zone of <see cref="TimeZone"/> (the validator has checked it at start).</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone.Trim());
}
