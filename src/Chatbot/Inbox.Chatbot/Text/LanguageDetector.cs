using System.Text.RegularExpressions;

namespace Inbox.Chatbot.Text;

/// <summary>
/// Tells Russian, Ukrainian and English apart, including Russian and Ukrainian typed in Latin letters ("gde moi zakaz").
/// Letters only one language has (ы э ъ ё; і ї є ґ) and common words vote; a message with no evidence keeps the conversation's language.
/// </summary>
public static partial class LanguageDetector
{
    public const string Russian = "ru";
    public const string Ukrainian = "uk";
    public const string English = "en";

    private static readonly HashSet<string> UkrainianWords = new(StringComparer.Ordinal)
    {
        "де", "що", "чи", "як", "коли", "мені", "мене", "дякую", "будь", "ласка", "замовлення", "замовленя", "замовлення?",
        "посилка", "посилку", "посилки", "треба", "скільки", "зараз", "вже", "ще", "гроші", "картка", "картки", "також", "це",
        "цей", "якщо", "бо", "ви", "мій", "моє", "моя", "мою", "дзвонили", "дзвонить", "просять", "хтось", "нічого",
        "ні", "людина", "людиною", "оператором", "можна", "потрібен", "потрібна", "немає", "був", "була", "було", "зі", "від",
    };

    private static readonly HashSet<string> RussianWords = new(StringComparer.Ordinal)
    {
        "где", "что", "мой", "моя", "мое", "моего", "заказ", "заказа", "заказы", "заказом", "когда", "спасибо", "пожалуйста",
        "как", "это", "мне", "меня", "уже", "еще", "деньги", "денег", "карта", "карты", "карту", "почему", "сейчас", "посылка",
        "посылку", "здравствуйте", "привет", "вы", "нужно", "надо", "можно", "сказал", "сказала", "звонили", "звонит", "просят",
        "курьер", "курьера", "да", "нет", "какой", "какая", "ничего", "кто-то", "человеком", "человека", "хочу", "от", "из",
    };

    private static readonly HashSet<string> RussianTranslit = new(StringComparer.Ordinal)
    {
        "gde", "moi", "moy", "moya", "moj", "zakaz", "zakaza", "zakazom", "zakazy", "kogda", "privezut", "dostavka", "dostavki",
        "dostavku", "posylka", "posylku", "posylki", "pozhaluysta", "pozhalujsta", "pojaluista", "pozhaluista", "spasibo", "privet",
        "kod", "dengi", "deneg", "prosyat", "prosit", "chelovek", "chelovekom", "hochu", "khochu", "nuzhen", "nuzhno", "chto",
        "shto", "eto", "vy", "vash", "vashego", "vashe", "mne", "menya", "skazal", "skazala", "nazval", "nazvala", "prodiktoval",
        "prodiktovala", "kurier", "kurer", "kurjer", "karta", "karty", "kartu", "nomer", "obmanuli", "spisali", "davai", "davay",
        "viktorinu", "uzhe", "otpravili", "operatora", "dayte", "daite", "zvonil", "zvonili", "iz", "ot", "magazina", "vyigral",
        "vyigrala", "priz", "ssylke", "ssylku", "vozvrat", "akkaunt", "vzlomali", "govoryat", "srok", "ustanovit", "poprosili",
        "slujba", "sluzhba", "bezopasnosti", "net", "da", "pochemu", "seychas", "kak", "chelovekom", "soobsheniya", "razveli",
        "ukrali", "sprashivayut", "pishut", "vernut", "predlagayut", "prislali", "oplatu", "zakaza?", "mojet", "mozhno",
    };

    private static readonly HashSet<string> UkrainianTranslit = new(StringComparer.Ordinal)
    {
        "de", "moie", "moye", "miy", "mij", "zamovlennia", "zamovlennya", "zamovlenya", "dyakuyu", "dyakuiu", "diakuiu", "bud",
        "laska", "shcho", "koly", "meni", "hroshi", "kartka", "kartky", "posylky", "dzvonyly", "prosyat'", "potriben", "liudyna",
    };

    private static readonly HashSet<string> EnglishWords = new(StringComparer.Ordinal)
    {
        "where", "is", "my", "order", "the", "a", "an", "what", "whats", "what's", "when", "how", "i", "i'm", "im", "you", "your",
        "please", "status", "it", "to", "of", "for", "and", "me", "this", "that", "was", "from", "can", "do", "does", "did", "have",
        "has", "not", "yes", "hi", "hello", "thanks", "thank", "delivery", "package", "parcel", "code", "card", "call", "called",
        "scam", "help", "want", "need", "speak", "talk", "human", "agent", "quiz", "shop", "store", "scammer", "money", "they",
        "someone", "gave", "told", "asked", "asking", "is", "are", "will", "be", "get", "got", "link", "with", "on", "in", "at",
        "wheres", "where's", "person", "real", "operator", "no", "there", "morning", "bye", "refund", "won", "account", "hacked",
    };

    /// <summary>The language of <paramref name="text"/>; <paramref name="previous"/> (or Russian) when the text gives no evidence.</summary>
    public static string Detect(string? text, string? previous = null)
    {
        var fallback = previous is Russian or Ukrainian or English ? previous : Russian;
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        // What the customer did not write in any language gives no evidence: the channel's notes ("[shared own phone number: …]",
        // "[sticker]", "[file … not downloaded: …]"), and order numbers, links, emails and phone numbers ("1234А", "MV-2231187").
        var written = ChannelNote().Replace(text, " ");
        var hasRussianOnlyLetter = written.Any(c => c is 'ы' or 'э' or 'ъ' or 'ё' or 'Ы' or 'Э' or 'Ъ' or 'Ё');
        var lower = Placeholder().Replace(TextNormalizer.ForModel(written), " ");
        var cyrillic = lower.Count(c => c is >= 'а' and <= 'я' or 'і' or 'ї' or 'є' or 'ґ');
        var latin = lower.Count(c => c is >= 'a' and <= 'z');
        if (cyrillic == 0 && latin == 0)
        {
            return fallback;
        }

        var words = Words().Matches(lower).Select(m => m.Value).ToArray();
        if (cyrillic >= latin)
        {
            var ukrainian = lower.Count(c => c is 'і' or 'ї' or 'є' or 'ґ') * 2 + words.Count(UkrainianWords.Contains);
            var russian = (hasRussianOnlyLetter ? 2 : 0) + lower.Count(c => c is 'ы' or 'э' or 'ъ') * 2 + words.Count(RussianWords.Contains);
            if (ukrainian > russian)
            {
                return Ukrainian;
            }

            if (russian > ukrainian)
            {
                return Russian;
            }

            return fallback == English ? Russian : fallback;
        }

        var russianTranslit = words.Count(RussianTranslit.Contains);
        var ukrainianTranslit = words.Count(UkrainianTranslit.Contains);
        var english = words.Count(EnglishWords.Contains);
        if (russianTranslit + ukrainianTranslit > 0 && russianTranslit + ukrainianTranslit >= english)
        {
            return ukrainianTranslit > russianTranslit ? Ukrainian : Russian;
        }

        if (english > 0)
        {
            return English;
        }

        return previous is Russian or Ukrainian or English ? previous : English;
    }

    [GeneratedRegex(@"[\p{L}'\-?]+")]
    private static partial Regex Words();

    /// <summary>A note a channel connector writes in square brackets instead of the customer's words.</summary>
    [GeneratedRegex(@"\[[^\[\]\r\n]*\]")]
    private static partial Regex ChannelNote();

    /// <summary>The placeholder words <see cref="TextNormalizer.ForModel"/> puts in place of emails, links, phones and order numbers.</summary>
    [GeneratedRegex(@"\b(?:xemail|xurl|xphone|xnum)\b")]
    private static partial Regex Placeholder();
}
