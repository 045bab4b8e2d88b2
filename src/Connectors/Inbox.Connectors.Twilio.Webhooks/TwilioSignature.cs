using System.Security.Cryptography;
using System.Text;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// <c>X-Twilio-Signature</c>: Base64 of HMAC-SHA1, keyed with the Auth Token, over the full URL Twilio requested followed by
/// every POST parameter as <c>name</c><c>value</c> (sorted by name, ordinal; a repeated name's values sorted too).
/// The JSON variant signs the URL alone, which carries <c>bodySHA256</c>, the lower-case hex SHA-256 of the raw body.
/// </summary>
public static class TwilioSignature
{
    public const string HeaderName = "X-Twilio-Signature";
    public const string BodyHashParameter = "bodySHA256";

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>>? parameters = null)
    {
        var text = new StringBuilder(url);
        if (parameters is not null)
        {
            var sorted = parameters.ToList();
            sorted.Sort(static (a, b) =>
            {
                var byName = string.CompareOrdinal(a.Key, b.Key);
                return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
            });
            foreach (var (name, value) in sorted)
            {
                text.Append(name).Append(value);
            }
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>True when <paramref name="presented"/> signs <paramref name="url"/> (as is, or with/without its default port) and the parameters.</summary>
    public static bool Verify(string authToken, string url, IEnumerable<KeyValuePair<string, string>>? parameters, string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var list = parameters?.ToList();
        var matched = false;
        foreach (var variant in UrlVariants(url))
        {
            // every variant is computed and compared, so the time taken does not tell which one matched
            matched |= SecretComparer.Matches(presented, Compute(authToken, variant, list));
        }

        return matched;
    }

    /// <summary>The lower-case hex SHA-256 of a raw body, as Twilio puts it in <c>bodySHA256</c>.</summary>
    public static string ComputeBodyHash(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>
    /// The URL as given, and the same URL with the scheme's default port added (when it has none) or removed (when it has it):
    /// Twilio's official validators accept either. A non-default port is never dropped.
    /// </summary>
    public static IReadOnlyList<string> UrlVariants(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return [url];
        }

        var scheme = url[..schemeEnd];
        var defaultPort = scheme.ToLowerInvariant() switch
        {
            "https" => "443",
            "http" => "80",
            _ => null,
        };
        if (defaultPort is null)
        {
            return [url];
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var authority = url[authorityStart..authorityEnd];
        var hostStart = authority.LastIndexOf('@') + 1;
        var colon = authority.LastIndexOf(':');
        var hasPort = colon >= hostStart && colon > authority.LastIndexOf(']');
        string other;
        if (!hasPort)
        {
            other = url[..authorityEnd] + ":" + defaultPort + url[authorityEnd..];
        }
        else if (authority[(colon + 1)..] == defaultPort)
        {
            other = url[..(authorityStart + colon)] + url[authorityEnd..];
        }
        else
        {
            return [url];
        }

        return [url, other];
    }
}
