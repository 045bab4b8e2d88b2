using System.Reflection;
using System.Text.Json;
using Inbox.Chatbot.Text;

namespace Inbox.Chatbot.Local;

/// <summary>
/// The texts the bot says, one JSON file per language embedded in the assembly (<c>Local/Texts/bot.ru.json</c>,
/// <c>bot.uk.json</c>, <c>bot.en.json</c>): a flat object of key → text, with named placeholders such as <c>{number}</c>.
/// Every key exists in every language (a test checks it). A language other than ru, uk or en reads the Russian file.
/// </summary>
internal static class BotTextCatalog
{
    private const string ResourcePrefix = "Inbox.Chatbot.Texts.bot.";

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> Catalog = new(Load);

    /// <summary>The languages the bot speaks, Russian first (the fallback).</summary>
    public static IReadOnlyList<string> Languages { get; } = [LanguageDetector.Russian, LanguageDetector.Ukrainian, LanguageDetector.English];

    /// <summary>Every text of <paramref name="language"/>, by key.</summary>
    public static IReadOnlyDictionary<string, string> All(string language) =>
        Catalog.Value[Languages.Contains(language) ? language : LanguageDetector.Russian];

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/>.</summary>
    /// <exception cref="InvalidOperationException">No such key (a mistake in the code or in a resource file).</exception>
    public static string Text(string language, string key) =>
        All(language).TryGetValue(key, out var text)
            ? text
            : throw new InvalidOperationException($"The bot text \"{key}\" is missing in {ResourcePrefix}{language}.json.");

    /// <summary>The text of <paramref name="key"/> with each <c>{name}</c> placeholder replaced by its value.</summary>
    public static string Format(string language, string key, params ReadOnlySpan<(string Name, string Value)> values)
    {
        var text = Text(language, key);
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return text;
    }

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Load()
    {
        var assembly = typeof(BotTextCatalog).GetTypeInfo().Assembly;
        var catalog = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var language in Languages)
        {
            var name = ResourcePrefix + language + ".json";
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The embedded resource {name} is missing.");
            catalog[language] = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidOperationException($"The embedded resource {name} is empty.");
        }

        return catalog;
    }
}
