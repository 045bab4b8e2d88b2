using System.Globalization;
using System.Resources;
using Inbox.Web.OperatorApi;

namespace Inbox.Web.Reports;

/// <summary>What the report endpoints tell a person, from <c>ReportsTexts.resx</c> (ru and en, as <see cref="PresenceTexts"/>).</summary>
public static class ReportsTexts
{
    private static readonly ResourceManager Resources = new("Inbox.Web.ReportsTexts", typeof(ReportsTexts).Assembly);

    public static string DateInvalid(HttpContext context) => Text(context, "DateInvalid");

    public static string RangeReversed(HttpContext context) => Text(context, "RangeReversed");

    public static string RangeTooLong(HttpContext context, int maxDays) => string.Format(CultureInfo.InvariantCulture, Text(context, "RangeTooLong"), maxDays);

    public static string OperatorInvalid(HttpContext context) => Text(context, "OperatorInvalid");

    public static string FormatInvalid(HttpContext context) => Text(context, "FormatInvalid");

    private static string Text(HttpContext context, string name) =>
        Resources.GetString($"{name}_{PresenceTexts.Language(context)}", CultureInfo.InvariantCulture) ?? throw new InvalidOperationException($"ReportsTexts has no {name}.");
}
