using System.Security.Cryptography;
using System.Text;

namespace Inbox.Connectors.Api;

/// <summary>The callback signature: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the raw body under the callback secret.</summary>
public static class ApiCallbackSignature
{
    public const string HeaderName = "X-Inbox-Signature";

    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? presented) =>
        SecretComparer.Matches(presented, Compute(secret, body));
}
