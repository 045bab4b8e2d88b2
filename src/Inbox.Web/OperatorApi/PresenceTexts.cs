using System.Globalization;
using System.Resources;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// What the presence and capacity endpoints tell a person, from <c>PresenceTexts.resx</c>: one entry per language
/// (<c>StateInvalid_ru</c>, <c>StateInvalid_en</c>…), Russian when the request's <c>Accept-Language</c> prefers it, else English.
/// </summary>
public static class PresenceTexts
{
    private static readonly ResourceManager Resources = new("Inbox.Web.PresenceTexts", typeof(PresenceTexts).Assembly);

    public static string StateInvalid(HttpContext context) => Text(context, "StateInvalid");

    public static string CapacityInvalid(HttpContext context, int max) => string.Format(CultureInfo.InvariantCulture, Text(context, "CapacityInvalid"), max);

    public static string OperatorUnknown(HttpContext context, Guid id) => string.Format(CultureInfo.InvariantCulture, Text(context, "OperatorUnknown"), id);

    private static string Text(HttpContext context, string name) =>
        Resources.GetString($"{name}_{Language(context)}", CultureInfo.InvariantCulture) ?? throw new InvalidOperationException($"PresenceTexts has no {name}.");

    /// <summary>ru or en: the first of the request's languages that is one of them (by quality), English when none is.</summary>
    internal static string Language(HttpContext context)
    {
        var wanted = context.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1);
        foreach (var language in wanted)
        {
            var primary = language.Value.Value?.Split('-')[0].ToLowerInvariant();
            if (primary is "ru" or "en")
            {
                return primary;
            }
        }

        return "en";
    }
}
