using System.Text;

namespace Inbox.Orders;

/// <summary>Compares order numbers the way customers type them: case, spaces, dash kinds and Latin/Cyrillic look-alikes ignored.</summary>
public static class OrderNumbers
{
    private const string Cyrillic = "АВЕЁКМНОРСТУХІ";
    private const string Latin = "ABEEKMHOPCTYXI";
    private const string LatinToCyrillicFrom = "ABEKMHOPCTYX";
    private const string LatinToCyrillicTo = "АВЕКМНОРСТУХ";

    /// <summary>The comparison key: upper case, no spaces, ASCII dashes, Cyrillic look-alike letters as Latin.</summary>
    public static string Fold(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var builder = new StringBuilder(number.Length);
        foreach (var raw in number.Trim().ToUpperInvariant())
        {
            if (char.IsWhiteSpace(raw) || raw == '№' || raw == '#')
            {
                continue;
            }

            var c = raw is '–' or '—' or '‑' ? '-' : raw;
            var index = Cyrillic.IndexOf(c, StringComparison.Ordinal);
            builder.Append(index >= 0 ? Latin[index] : c);
        }

        return builder.ToString();
    }

    /// <summary>True when both numbers are the same order number as a customer would read them.</summary>
    public static bool AreSame(string left, string right) => string.Equals(Fold(left), Fold(right), StringComparison.Ordinal);

    /// <summary>
    /// The spellings to ask an order system for: as typed (upper case), all look-alikes Latin, and all look-alikes Cyrillic,
    /// because <c>1234А</c> may be stored with either letter.
    /// </summary>
    public static IReadOnlyList<string> Variants(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var typed = number.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var latin = Fold(typed);
        var cyrillic = new StringBuilder(latin.Length);
        foreach (var c in latin)
        {
            var index = LatinToCyrillicFrom.IndexOf(c, StringComparison.Ordinal);
            cyrillic.Append(index >= 0 ? LatinToCyrillicTo[index] : c);
        }

        return new[] { typed, latin, cyrillic.ToString() }.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
    }
}
