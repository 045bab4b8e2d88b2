using Inbox.Domain.Sla;
using System.Globalization;
using System.Text;

namespace Inbox.Domain.Reports;

/// <summary>
/// A <see cref="DailyReport"/> as CSV (RFC 4180): a header, a row per day, then the totals (day <c>total</c>); a column per
/// channel (<c>channel:sms</c>) and per intent (<c>intent:order_status</c>) seen in the range. Numbers are invariant (a dot
/// for decimals), an empty field is a figure with nothing to count; fields with a comma, a quote or a line break are quoted.
/// </summary>
public static class DailyReportCsv
{
    private static readonly string[] Fixed =
    [
        "day", "conversations", "firstResponses", "firstResponseP50Seconds", "firstResponseP90Seconds", "resolved", "resolutionP50Seconds",
        "resolutionP90Seconds", "resolutionAverageSeconds", "botConversations", "botContained", "botContainment", "handedOff", "handoffRate",
        "victimsHandedOff", "victimsHandled", "csatRatings", "csatAverage", "csatSatisfiedShare", "slaTargets", "slaBreached", "slaAttainment",
    ];

    public static string Write(DailyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var channels = report.Total.ByChannel.Keys.ToList();
        var intents = report.Total.ByIntent.Keys.ToList();
        var csv = new StringBuilder();
        Line(csv, Fixed.Concat(channels.Select(c => "channel:" + c)).Concat(intents.Select(i => "intent:" + i)));
        foreach (var figures in report.Days.Append(report.Total))
        {
            Line(csv, Row(figures, channels, intents));
        }

        return csv.ToString();
    }

    private static IEnumerable<string> Row(DailyFigures f, IReadOnlyList<string> channels, IReadOnlyList<string> intents)
    {
        string[] row =
        [
            f.Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "total", N(f.Conversations), N(f.FirstResponses), N(f.FirstResponseP50Seconds),
            N(f.FirstResponseP90Seconds), N(f.Resolved), N(f.ResolutionP50Seconds), N(f.ResolutionP90Seconds), N(f.ResolutionAverageSeconds),
            N(f.BotConversations), N(f.BotContained), N(f.BotContainment), N(f.HandedOff), N(f.HandoffRate), N(f.VictimsHandedOff),
            N(f.VictimsHandled), N(f.CsatRatings), N(f.CsatAverage), N(f.CsatSatisfiedShare), N(f.SlaTargets), N(f.SlaBreached), N(f.SlaAttainment),
        ];
        return row.Concat(channels.Select(c => N(f.ByChannel.GetValueOrDefault(c)))).Concat(intents.Select(i => N(f.ByIntent.GetValueOrDefault(i))));
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string N(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    private static void Line(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(',', fields.Select(Quote));
        csv.Append("\r\n");
    }

    /// <summary>A field as CSV: quoted (quotes doubled) when it holds a comma, a quote or a line break.</summary>
    public static string Quote(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
