using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Inbox.Chatbot.Safety;
using Inbox.Chatbot.Text;
using Inbox.Orders;

namespace Inbox.Chatbot.AzureOpenAI;

/// <summary>
/// Checks a model reply against what the tools returned: every status word or status name, date, time and order or tracking
/// number it states must come from a tool result (or from the customer's own message). Anything else is an invention.
/// A status name is grounded when it is the order system's own name of an order a tool returned, or that name as the
/// customer's language gives it (the <see cref="OrderStatusNames"/> table); any other name of the reference or the table is not.
/// </summary>
internal static partial class ReplyGrounding
{
    private static readonly string[][] MonthNames =
    [
        ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"],
        ["січ", "лют", "берез", "квіт", "трав", "черв", "лип", "серп", "верес", "жовт", "листопад", "груд"],
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
    ];

    /// <summary>The problems found; empty when the reply only repeats tool results.</summary>
    /// <param name="reply">The model's reply.</param>
    /// <param name="ledger">What the tools returned.</param>
    /// <param name="statusNames">Every status name a reply could state (the order system's and the translation table's).</param>
    /// <param name="customerText">The customer's own words, which the reply may repeat.</param>
    /// <param name="statusNameForCustomer">An order's status name in the customer's language, when it differs from the order system's.</param>
    public static IReadOnlyList<string> Violations(
        string reply,
        ToolLedger ledger,
        IEnumerable<string> statusNames,
        string customerText,
        Func<Order, string?>? statusNameForCustomer = null)
    {
        var ground = GroundText(ledger, customerText, statusNameForCustomer);
        var problems = new List<string>();
        foreach (var word in ReplyGuard.UngroundedStatusWords(reply, ground, statusNames))
        {
            problems.Add($"status \"{word}\" not returned by a tool");
        }

        var allowedDates = ledger.Orders.Where(o => o.DeliveryDate is not null).Select(o => (o.DeliveryDate!.Value.Day, o.DeliveryDate!.Value.Month)).ToHashSet();
        foreach (var (day, month) in Dates(reply))
        {
            if (!allowedDates.Contains((day, month)))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"date {day:00}.{month:00} not returned by a tool"));
            }
        }

        var normalizedGround = TextNormalizer.Basic(ground);
        foreach (Match time in Time().Matches(reply))
        {
            var value = time.Value.Length == 4 ? "0" + time.Value : time.Value;
            if (!normalizedGround.Contains(time.Value, StringComparison.Ordinal) && !normalizedGround.Contains(value, StringComparison.Ordinal))
            {
                problems.Add($"time {time.Value} not returned by a tool");
            }
        }

        var foldedGround = OrderNumbers.Fold(ground);
        foreach (var number in OrderNumberExtractor.Extract(reply))
        {
            if (!foldedGround.Contains(OrderNumbers.Fold(number), StringComparison.Ordinal))
            {
                problems.Add($"number {number} not returned by a tool");
            }
        }

        return problems;
    }

    private static string GroundText(ToolLedger ledger, string customerText, Func<Order, string?>? statusNameForCustomer)
    {
        var builder = new StringBuilder(customerText).AppendLine();
        foreach (var number in ledger.RequestedNumbers)
        {
            builder.AppendLine(number);
        }

        foreach (var order in ledger.Orders)
        {
            builder.AppendLine(order.Number).AppendLine(order.StatusName).AppendLine(statusNameForCustomer?.Invoke(order)).AppendLine(order.DeliveryInterval)
                .AppendLine(order.PickupPoint).AppendLine(order.TrackingNumber).AppendLine(order.Address);
            if (order.DeliveryDate is { } date)
            {
                builder.AppendLine(date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)).AppendLine(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            foreach (var item in order.Items)
            {
                builder.AppendLine(item.Name);
            }
        }

        return builder.ToString();
    }

    private static IEnumerable<(int Day, int Month)> Dates(string reply)
    {
        var text = TextNormalizer.Basic(reply);
        foreach (Match match in IsoDate().Matches(text))
        {
            var month = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            var day = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
            if (month is >= 1 and <= 12 && day is >= 1 and <= 31)
            {
                yield return (day, month);
            }
        }

        var withoutIso = IsoDate().Replace(text, " ");
        foreach (Match match in NumericDate().Matches(withoutIso))
        {
            var day = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var month = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            if (month is >= 1 and <= 12 && day is >= 1 and <= 31)
            {
                yield return (day, month);
            }
        }

        foreach (Match match in DayMonth().Matches(text))
        {
            if (MonthOf(match.Groups["m"].Value) is int month)
            {
                yield return (int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture), month);
            }
        }

        foreach (Match match in MonthDay().Matches(text))
        {
            if (MonthOf(match.Groups["m"].Value) is int month)
            {
                yield return (int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture), month);
            }
        }
    }

    private static int? MonthOf(string word)
    {
        foreach (var names in MonthNames)
        {
            for (var i = 0; i < names.Length; i++)
            {
                var stem = names[i];
                var matches = stem == "ма" ? word is "мая" or "май" : word.StartsWith(stem, StringComparison.Ordinal);
                if (matches)
                {
                    return i + 1;
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"\b(\d{4})-(\d{2})-(\d{2})\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<![\d.])(\d{1,2})[./](\d{1,2})(?:[./]\d{2,4})?(?![\d])")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"\b(?<d>\d{1,2})\s+(?<m>\p{L}{3,})")]
    private static partial Regex DayMonth();

    [GeneratedRegex(@"\b(?<m>january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+(?<d>\d{1,2})\b")]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"\b\d{1,2}:\d{2}\b")]
    private static partial Regex Time();
}
