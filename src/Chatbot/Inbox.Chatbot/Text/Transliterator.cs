using System.Text;

namespace Inbox.Chatbot.Text;

/// <summary>Writes Russian and Ukrainian in Latin letters the way people type without a Cyrillic keyboard ("где мой заказ" → "gde moy zakaz").</summary>
public static class Transliterator
{
    private static readonly Dictionary<char, string> Map = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e", ['ж'] = "zh", ['з'] = "z",
        ['и'] = "i", ['й'] = "y", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r",
        ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "h", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "sch",
        ['ъ'] = string.Empty, ['ы'] = "y", ['ь'] = string.Empty, ['э'] = "e", ['ю'] = "yu", ['я'] = "ya", ['і'] = "i", ['ї'] = "yi",
        ['є'] = "ye", ['ґ'] = "g", ['\''] = string.Empty,
    };

    /// <summary>The Latin spelling of a lower-cased Cyrillic text; other characters are kept.</summary>
    public static string ToLatin(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            if (Map.TryGetValue(lower, out var latin))
            {
                builder.Append(latin);
            }
            else
            {
                builder.Append(lower);
            }
        }

        return builder.ToString();
    }

    /// <summary>True when the text has Cyrillic letters worth transliterating.</summary>
    public static bool HasCyrillic(string text) => text.Any(c => c is >= 'а' and <= 'я' or >= 'А' and <= 'Я' or 'і' or 'ї' or 'є' or 'ґ' or 'ё');
}
