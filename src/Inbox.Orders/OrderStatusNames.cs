using System.Text.Json;

namespace Inbox.Orders;

/// <summary>
/// The order system names each status in one language (<c>Orders:Language</c>, Russian by default: RetailCRM gives one
/// <c>name</c> per code). This table gives the name per status code in the other languages: shipped for RetailCRM's standard
/// codes and the demo orders' codes (<c>StatusNames/status-names.json</c>, embedded), overridden by
/// <c>Orders:StatusNames:&lt;code&gt;:&lt;language&gt;</c>. A customer in the order system's language hears the order system's
/// own name; anyone else hears the table's name for that code, or, when the table has none, the order system's own name as is.
/// </summary>
public sealed class OrderStatusNames
{
    private const string ShippedResource = "Inbox.Orders.StatusNames.status-names.json";

    private readonly Dictionary<string, Dictionary<string, string>> _names;

    private OrderStatusNames(string orderSystemLanguage, Dictionary<string, Dictionary<string, string>> names)
    {
        OrderSystemLanguage = orderSystemLanguage;
        _names = names;
    }

    /// <summary>The languages a status name may be given in.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["ru", "uk", "en"];

    /// <summary>The shipped table over a Russian-speaking order system.</summary>
    public static OrderStatusNames Shipped { get; } = Create("ru", null);

    /// <summary>The language of the order system's own names.</summary>
    public string OrderSystemLanguage { get; }

    /// <summary>Every name the table holds, in every language (the guardrails treat them as status names).</summary>
    public IReadOnlyCollection<string> AllNames => _names.Values.SelectMany(n => n.Values).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The table from <see cref="OrdersOptions"/>: the shipped names with the configured ones laid over them.</summary>
    public static OrderStatusNames FromOptions(OrdersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(options.Language, options.StatusNames);
    }

    /// <summary>
    /// The status name of <paramref name="order"/> to tell a customer who speaks <paramref name="language"/>: the order system's
    /// own name in its language, else the table's name for the code, else the order system's own name as is. Null when the
    /// order system gives no name (the bot never makes one up).
    /// </summary>
    public string? NameFor(Order order, string language)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (string.IsNullOrWhiteSpace(order.StatusName))
        {
            return null;
        }

        var own = order.StatusName.Trim();
        if (string.Equals(language, OrderSystemLanguage, StringComparison.OrdinalIgnoreCase))
        {
            return own;
        }

        return Translation(order.StatusCode, language) ?? own;
    }

    /// <summary>The table's name for <paramref name="statusCode"/> in <paramref name="language"/>; null when it has none.</summary>
    public string? Translation(string? statusCode, string language) =>
        statusCode is not null && _names.TryGetValue(statusCode, out var names) && names.TryGetValue(language, out var name) ? name : null;

    private static OrderStatusNames Create(string? orderSystemLanguage, IReadOnlyDictionary<string, Dictionary<string, string>>? configured)
    {
        var names = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        Overlay(names, ReadShipped());
        Overlay(names, configured);
        var language = string.IsNullOrWhiteSpace(orderSystemLanguage) ? "ru" : orderSystemLanguage.Trim().ToLowerInvariant();
        return new OrderStatusNames(language, names);
    }

    private static Dictionary<string, Dictionary<string, string>> ReadShipped()
    {
        using var stream = typeof(OrderStatusNames).Assembly.GetManifestResourceStream(ShippedResource)
            ?? throw new InvalidOperationException($"The embedded resource {ShippedResource} is missing.");
        return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)
            ?? throw new InvalidOperationException($"The embedded resource {ShippedResource} is empty.");
    }

    private static void Overlay(Dictionary<string, Dictionary<string, string>> target, IReadOnlyDictionary<string, Dictionary<string, string>>? source)
    {
        foreach (var (code, names) in source ?? new Dictionary<string, Dictionary<string, string>>())
        {
            if (!target.TryGetValue(code.Trim(), out var existing))
            {
                existing = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                target[code.Trim()] = existing;
            }

            foreach (var (language, name) in names)
            {
                if (string.IsNullOrWhiteSpace(name))
                {
                    existing.Remove(language);
                }
                else
                {
                    existing[language.Trim()] = name.Trim();
                }
            }
        }
    }
}
