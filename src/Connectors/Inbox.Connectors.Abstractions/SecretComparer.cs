using System.Security.Cryptography;
using System.Text;

namespace Inbox.Connectors;

/// <summary>Compares a presented secret with the configured one in constant time.</summary>
public static class SecretComparer
{
    public static bool Matches(string? presented, string? expected)
    {
        if (string.IsNullOrEmpty(presented) || string.IsNullOrEmpty(expected))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
