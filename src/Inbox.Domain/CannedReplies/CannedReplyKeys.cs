using System.Text.RegularExpressions;

namespace Inbox.Domain.CannedReplies;

/// <summary>A canned reply's key: what an operator types after <c>/</c>, so lowercase letters (any script), digits, '-' and '_', up to 40.</summary>
public static partial class CannedReplyKeys
{
    public const int MaxLength = 40;

    public static bool IsValid(string? key) => key is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(key);

    /// <summary>The key as stored: trimmed and lowercase.</summary>
    public static string Normalize(string key) => key.Trim().ToLowerInvariant();

    [GeneratedRegex(@"^[\p{Ll}\p{Lo}\p{Nd}][\p{Ll}\p{Lo}\p{Nd}_-]*$")]
    private static partial Regex Pattern();
}
