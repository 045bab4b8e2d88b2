using System.Globalization;
using System.Resources;

namespace Inbox.Silo.Csat;

/// <summary>
/// What the customer is sent, from <c>CsatTexts.resx</c>: one entry per language (<c>RequestButtons_ru</c>,
/// <c>RequestButtons_uk</c>, <c>RequestButtons_en</c>…), in the language <see cref="CsatLanguage"/> chose.
/// </summary>
public static class CsatTexts
{
    private static readonly ResourceManager Resources = new("Inbox.Silo.CsatTexts", typeof(CsatTexts).Assembly);

    /// <summary>The request: pointing at the buttons where the channel shows them, else asking for a digit.</summary>
    public static string Request(string language, bool buttons) => Text(buttons ? "RequestButtons" : "RequestDigit", language);

    /// <summary>The thanks for a rating.</summary>
    public static string Thanks(string language) => Text("Thanks", language);

    private static string Text(string name, string language) =>
        Resources.GetString($"{name}_{(CsatLanguage.All.Contains(language) ? language : CsatLanguage.English)}", CultureInfo.InvariantCulture)
        ?? throw new InvalidOperationException($"CsatTexts has no {name}.");
}
