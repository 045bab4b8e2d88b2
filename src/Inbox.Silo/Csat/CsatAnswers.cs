using System.Globalization;
using System.Text.RegularExpressions;
using Inbox.Domain.Conversations;

namespace Inbox.Silo.Csat;

/// <summary>
/// What a rating looks like: a button press (<c>csat:1</c> … <c>csat:5</c>, the data of <see cref="Buttons"/>), or a typed
/// message that is only a digit 1–5, with spaces, a keycap (4️⃣) and trailing <c>!</c>, <c>.</c> or <c>)</c> allowed
/// ("5", " 4 ", "5!", "3."). Anything else ("5/5", "5 thanks", "10") is an ordinary message.
/// </summary>
public static partial class CsatAnswers
{
    /// <summary>The start of a rating button's data.</summary>
    public const string ButtonPrefix = "csat:";

    /// <summary>The lowest and highest rating.</summary>
    public const int Lowest = 1;
    public const int Highest = 5;

    /// <summary>One button per rating, labelled with its digit; the data is <c>csat:{n}</c> (6 bytes, far within Telegram's 64).</summary>
    public static readonly IReadOnlyList<ReplyChoice> Buttons =
        [.. Enumerable.Range(Lowest, Highest - Lowest + 1).Select(n => new ReplyChoice(n.ToString(CultureInfo.InvariantCulture), ButtonPrefix + n.ToString(CultureInfo.InvariantCulture)))];

    /// <summary>The channels whose connector shows <see cref="Buttons"/>; the others' request asks for a typed digit.</summary>
    public static bool ShowsButtons(string channel) => channel is "telegram" or "vk";

    /// <summary>The rating of a button press, or null when <paramref name="text"/> is not one.</summary>
    public static int? FromButton(string text) =>
        text.StartsWith(ButtonPrefix, StringComparison.Ordinal) && text.Length == ButtonPrefix.Length + 1 ? Digit(text[^1]) : null;

    /// <summary>The rating a typed message gives, or null when it is not only a digit 1–5.</summary>
    public static int? FromText(string text) => TypedRating().Match(text) is { Success: true } match ? Digit(match.Groups[1].Value[0]) : null;

    private static int? Digit(char c) => c is >= '1' and <= '5' ? c - '0' : null;

    [GeneratedRegex(@"^\s*([1-5])(?:\uFE0F?\u20E3)?\s*[!.)]*\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TypedRating();
}
