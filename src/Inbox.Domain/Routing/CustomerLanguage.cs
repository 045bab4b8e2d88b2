namespace Inbox.Domain.Routing;

/// <summary>The customer's language read from a message's letters, when the bot did not say it.</summary>
public static class CustomerLanguage
{
    /// <summary>
    /// <c>uk</c> when the text has a Ukrainian-only letter (і, ї, є, ґ); <c>ru</c> when it has other Cyrillic letters;
    /// <c>en</c> when it has Latin letters and no Cyrillic; null when it has no letters (digits, emoji, nothing).
    /// </summary>
    public static string? Detect(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var cyrillic = false;
        var latin = false;
        foreach (var c in text)
        {
            switch (char.ToLowerInvariant(c))
            {
                case 'і' or 'ї' or 'є' or 'ґ':
                    return "uk";
                case >= 'а' and <= 'я' or 'ё':
                    cyrillic = true;
                    break;
                case >= 'a' and <= 'z':
                    latin = true;
                    break;
            }
        }

        return cyrillic ? "ru" : latin ? "en" : null;
    }
}
