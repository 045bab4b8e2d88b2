using System.Text.RegularExpressions;

namespace Inbox.Domain.Routing;

/// <summary>What a team's key and skills may be.</summary>
public static partial class TeamKeys
{
    /// <summary>The longest key.</summary>
    public const int MaxLength = 40;

    /// <summary>The channels a team may serve.</summary>
    public static readonly IReadOnlyList<string> Channels = ["telegram", "vk", "whatsapp", "sms", "email", "api", "voice"];

    /// <summary>1 to <see cref="MaxLength"/> of a-z, 0-9 and '-', e.g. <c>orders</c>, <c>fraud-response</c>.</summary>
    public static bool IsValid(string? key) => key is { Length: > 0 and <= MaxLength } && KeyPattern().IsMatch(key);

    /// <summary>The key as stored and as a team queue grain is keyed: trimmed, lowercase (keys compare ignoring case).</summary>
    public static string Normalize(string key) => key.Trim().ToLowerInvariant();

    /// <summary>A language code: two or three lowercase letters (ru, uk, en…).</summary>
    public static bool IsLanguage(string? language) => language is not null && LanguagePattern().IsMatch(language);

    public static bool IsChannel(string? channel) => channel is not null && Channels.Contains(channel, StringComparer.Ordinal);

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex LanguagePattern();
}
