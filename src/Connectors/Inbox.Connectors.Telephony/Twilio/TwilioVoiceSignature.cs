using System.Security.Cryptography;
using System.Text;

namespace Inbox.Connectors.Telephony;

/// <summary>
/// X-Twilio-Signature for voice webhooks: Base64 HMAC-SHA1 (key = Auth Token) of the full URL as Twilio requested it
/// (query included), followed by every POST parameter sorted by name (ordinal; a repeated name's values sorted too) as
/// name+value. Like Twilio's own validators, the URL is accepted with and without the scheme's default port.
/// Internal on purpose: the Twilio messaging connector has its own, and the two are to be unified later.
/// </summary>
internal static class TwilioVoiceSignature
{
    public const string HeaderName = "X-Twilio-Signature";

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var text = new StringBuilder(url);
        foreach (var group in parameters.GroupBy(p => p.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var value in group.Select(p => p.Value).Order(StringComparer.Ordinal))
            {
                text.Append(group.Key).Append(value);
            }
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static bool IsValid(string authToken, string url, IReadOnlyCollection<KeyValuePair<string, string>> parameters, string? presented)
    {
        if (string.IsNullOrWhiteSpace(presented))
        {
            return false;
        }

        var valid = false;
        foreach (var candidate in UrlVariants(url))
        {
            // Every variant is compared (no early exit), each in constant time.
            valid |= SecretComparer.Matches(presented.Trim(), Compute(authToken, candidate, parameters));
        }

        return valid;
    }

    /// <summary>The URL as given, with the default port removed, and with it added.</summary>
    internal static IEnumerable<string> UrlVariants(string url)
    {
        yield return url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            yield break;
        }

        var defaultPort = uri.Scheme == Uri.UriSchemeHttps ? 443 : 80;
        var authorityStart = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var pathStart = url.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = pathStart < 0 ? url[authorityStart..] : url[authorityStart..pathStart];
        var rest = pathStart < 0 ? "" : url[pathStart..];
        var prefix = url[..authorityStart];
        var explicitDefault = ":" + defaultPort;
        if (authority.EndsWith(explicitDefault, StringComparison.Ordinal))
        {
            yield return prefix + authority[..^explicitDefault.Length] + rest;
        }
        else if (uri.IsDefaultPort && !authority.EndsWith(']') && authority.LastIndexOf(':') < 0)
        {
            yield return prefix + authority + explicitDefault + rest;
        }
    }
}
