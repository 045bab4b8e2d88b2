using System.Security.Cryptography;
using System.Text;

namespace Inbox.Connectors.Telephony;

/// <summary>
/// Zadarma's <c>Signature</c> header: Base64 of the lower-case <b>hex</b> HMAC-SHA1 of a few fields under the API secret
/// (PHP's <c>base64_encode(hash_hmac('sha1', …))</c>, so Base64 is over the 40 hex characters, not the 20 raw bytes).
/// </summary>
public static class ZadarmaSignature
{
    public const string HeaderName = "Signature";

    public static string Compute(string secret, string signedText)
    {
        var hex = Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(signedText)));
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(hex));
    }

    public static bool Verify(string secret, string signedText, string? presented) =>
        SecretComparer.Matches(presented?.Trim(), Compute(secret, signedText));

    /// <summary>
    /// The text an event is signed over (zadarma/user-api-v1 <c>lib/Webhook</c>), or null for an event whose signing is not
    /// known: <c>NOTIFY_START</c>, <c>NOTIFY_INTERNAL</c>, <c>NOTIFY_END</c>, <c>NOTIFY_IVR</c>: caller_id + called_did +
    /// call_start; <c>NOTIFY_ANSWER</c>: caller_id + destination + call_start; <c>NOTIFY_OUT_START</c>/<c>NOTIFY_OUT_END</c>:
    /// internal + destination + call_start; <c>NOTIFY_RECORD</c>: pbx_call_id + call_id_with_rec.
    /// </summary>
    public static string? SignedText(string? eventName, Func<string, string?> field)
    {
        string[]? parts = eventName switch
        {
            ZadarmaEvents.Start or ZadarmaEvents.Internal or ZadarmaEvents.End or ZadarmaEvents.Ivr => ["caller_id", "called_did", "call_start"],
            ZadarmaEvents.Answer => ["caller_id", "destination", "call_start"],
            ZadarmaEvents.OutStart or ZadarmaEvents.OutEnd => ["internal", "destination", "call_start"],
            ZadarmaEvents.Record => ["pbx_call_id", "call_id_with_rec"],
            _ => null,
        };
        return parts is null ? null : string.Concat(parts.Select(p => field(p) ?? ""));
    }
}
