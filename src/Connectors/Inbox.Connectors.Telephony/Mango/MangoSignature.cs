using System.Security.Cryptography;
using System.Text;

namespace Inbox.Connectors.Telephony;

/// <summary>Mango Office's <c>sign</c>: lower-case hex SHA-256 of <c>vpbx_api_key + json + vpbx_api_salt</c>, over the json string exactly as received.</summary>
public static class MangoSignature
{
    public static string Compute(string apiKey, string json, string apiSalt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey + json + apiSalt)));

    public static bool Verify(string apiKey, string apiSalt, string json, string? presented) =>
        SecretComparer.Matches(presented?.Trim().ToLowerInvariant(), Compute(apiKey, json, apiSalt));
}
