using System.Globalization;
using System.Resources;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// What the teams, routing rules and transfer endpoints tell a person, from <c>RoutingTexts.resx</c>: one entry per language,
/// chosen as <see cref="PresenceTexts"/> chooses (Russian when the request prefers it, else English).
/// </summary>
public static class RoutingTexts
{
    private static readonly ResourceManager Resources = new("Inbox.Web.RoutingTexts", typeof(RoutingTexts).Assembly);

    public static string TeamKeyInvalid(HttpContext context) => Format(context, "TeamKeyInvalid", Domain.Routing.TeamKeys.MaxLength);

    public static string ChannelUnknown(HttpContext context, string? channel) => Format(context, "ChannelUnknown", channel);

    public static string LanguageInvalid(HttpContext context, string? language) => Format(context, "LanguageInvalid", language);

    public static string IntentInvalid(HttpContext context, int max) => Format(context, "IntentInvalid", max);

    public static string TeamUnknown(HttpContext context, string? key) => Format(context, "TeamUnknown", key);

    public static string TeamHasConversations(HttpContext context, string key) => Format(context, "TeamHasConversations", key);

    public static string TeamUsedByRules(HttpContext context, string key) => Format(context, "TeamUsedByRules", key);

    public static string EnabledRequired(HttpContext context) => Text(context, "EnabledRequired");

    public static string TooManyRules(HttpContext context, int max) => Format(context, "TooManyRules", max);

    public static string TeamFilterInvalid(HttpContext context) => Text(context, "TeamFilterInvalid");

    public static string TransferTarget(HttpContext context) => Text(context, "TransferTarget");

    public static string TransferNote(HttpContext context) => Text(context, "TransferNote");

    private static string Format(HttpContext context, string name, object? value) => string.Format(CultureInfo.InvariantCulture, Text(context, name), value);

    private static string Text(HttpContext context, string name) =>
        Resources.GetString($"{name}_{PresenceTexts.Language(context)}", CultureInfo.InvariantCulture) ?? throw new InvalidOperationException($"RoutingTexts has no {name}.");
}
