using System.Text.Json;

namespace Inbox.Chatbot.Fraud;

/// <summary>
/// The <c>Chatbot:FraudContacts</c> section: per ISO 3166 region (<c>RU</c>, <c>UA</c>, <c>GB</c>…) the police, bank line,
/// government services and fraud reporting line a victim is told about. Shipped defaults (<c>Fraud/fraud-contacts.json</c>,
/// embedded) cover RU, UA, GB, KZ and BY; configuration overrides them key by key, and an empty value removes a shipped one.
/// A region with no entry gets advice without any country's numbers.
/// </summary>
public sealed class FraudContactsOptions
{
    public const string SectionName = "Chatbot:FraudContacts";

    private const string ShippedResource = "Inbox.Chatbot.Fraud.fraud-contacts.json";

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The contacts per region code (upper case).</summary>
    public Dictionary<string, RegionFraudContacts> Regions { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The shipped defaults.</summary>
    public static FraudContactsOptions Shipped()
    {
        using var stream = typeof(FraudContactsOptions).Assembly.GetManifestResourceStream(ShippedResource)
            ?? throw new InvalidOperationException($"The embedded resource {ShippedResource} is missing.");
        var regions = JsonSerializer.Deserialize<Dictionary<string, RegionFraudContacts>>(stream, JsonOptions)
            ?? throw new InvalidOperationException($"The embedded resource {ShippedResource} is empty.");
        return new FraudContactsOptions().Overlay(regions);
    }

    /// <summary>The contacts of <paramref name="region"/>; null when the region is not configured.</summary>
    public RegionFraudContacts? For(string? region) =>
        region is not null && Regions.TryGetValue(region, out var contacts) ? contacts : null;

    /// <summary>Lays <paramref name="configured"/> over these contacts, value by value (an empty value removes one). Returns this.</summary>
    public FraudContactsOptions Overlay(IReadOnlyDictionary<string, RegionFraudContacts>? configured)
    {
        foreach (var (region, contacts) in configured ?? new Dictionary<string, RegionFraudContacts>())
        {
            var merged = Regions.TryGetValue(region, out var existing) ? existing : new RegionFraudContacts();
            merged.Police = Pick(contacts.Police, merged.Police);
            merged.BankLine = Pick(contacts.BankLine, merged.BankLine);
            if (contacts.GovernmentServices is { } government)
            {
                var target = merged.GovernmentServices ??= new GovernmentServicesContact();
                OverlayNames(target.Name, government.Name);
                OverlayNames(target.SessionsPath, government.SessionsPath);
                target.Hotline = Pick(government.Hotline, target.Hotline);
                if (target.Name.Count == 0)
                {
                    merged.GovernmentServices = null;
                }
            }

            if (contacts.FraudLine is { } line)
            {
                var target = merged.FraudLine ??= new FraudReportingLine();
                OverlayNames(target.Name, line.Name);
                target.Contact = Pick(line.Contact, target.Contact);
                if (target.Contact is null)
                {
                    merged.FraudLine = null;
                }
            }

            Regions[region.Trim().ToUpperInvariant()] = merged;
        }

        return this;
    }

    /// <summary>The name in <paramref name="language"/>, else the English one, else any.</summary>
    internal static string? NameIn(IReadOnlyDictionary<string, string> names, string language) =>
        names.TryGetValue(language, out var name) ? name : names.TryGetValue("en", out var english) ? english : names.Values.FirstOrDefault();

    private static string? Pick(string? configured, string? shipped) =>
        configured is null ? shipped : string.IsNullOrWhiteSpace(configured) ? null : configured.Trim();

    private static void OverlayNames(Dictionary<string, string> target, Dictionary<string, string>? configured)
    {
        foreach (var (language, name) in configured ?? [])
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                target.Remove(language);
            }
            else
            {
                target[language] = name.Trim();
            }
        }
    }
}
