using System.Diagnostics.CodeAnalysis;
using Inbox.Identity;

namespace Inbox.Connectors.Email;

/// <summary>
/// The reply token in our Reply-To plus-address: <c>support+c{26 base32 letters}@shop.example</c>. It is the conversation id
/// (a Guid, 16 bytes) in lower-case RFC 4648 base32 without padding, after a <c>c</c>: reversible, case-insensitive (some
/// servers lower-case local parts) and only letters and digits, so every mail server passes it on unchanged.
/// </summary>
public static class EmailReplyToken
{
    public const char Prefix = 'c';

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public const int Length = 27;

    public static string Encode(Guid conversationId)
    {
        Span<byte> bytes = stackalloc byte[16];
        conversationId.TryWriteBytes(bytes, bigEndian: true, out _);
        var chars = new char[Length];
        chars[0] = Prefix;
        var bitBuffer = 0;
        var bitCount = 0;
        var position = 1;
        foreach (var b in bytes)
        {
            bitBuffer = (bitBuffer << 8) | b;
            bitCount += 8;
            while (bitCount >= 5)
            {
                chars[position++] = Alphabet[(bitBuffer >> (bitCount - 5)) & 31];
                bitCount -= 5;
                bitBuffer &= (1 << bitCount) - 1;
            }
        }

        chars[position] = Alphabet[(bitBuffer << (5 - bitCount)) & 31];
        return new string(chars);
    }

    public static bool TryDecode(string? token, [NotNullWhen(true)] out Guid? conversationId)
    {
        conversationId = null;
        if (token is null || token.Length != Length || char.ToLowerInvariant(token[0]) != Prefix)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        var bitBuffer = 0;
        var bitCount = 0;
        var written = 0;
        for (var i = 1; i < token.Length; i++)
        {
            var value = Alphabet.IndexOf(char.ToLowerInvariant(token[i]), StringComparison.Ordinal);
            if (value < 0)
            {
                return false;
            }

            bitBuffer = (bitBuffer << 5) | value;
            bitCount += 5;
            if (bitCount >= 8)
            {
                if (written == 16)
                {
                    return false;
                }

                bytes[written++] = (byte)(bitBuffer >> (bitCount - 8));
                bitCount -= 8;
                bitBuffer &= (1 << bitCount) - 1;
            }
        }

        // 26 letters carry 130 bits: the last 2 must be zero, or the token was not made by Encode.
        if (written != 16 || bitBuffer != 0)
        {
            return false;
        }

        conversationId = new Guid(bytes, bigEndian: true);
        return true;
    }

    /// <summary><c>support@shop.example</c> + conversation → <c>support+c…@shop.example</c> (an existing +tag of the base is replaced).</summary>
    public static string AddressFor(string baseAddress, Guid conversationId)
    {
        var plain = EmailAddresses.WithoutSubaddress(baseAddress);
        var at = plain.LastIndexOf('@');
        return plain[..at] + "+" + Encode(conversationId) + plain[at..];
    }

    /// <summary>The conversation named by a plus-address of <paramref name="baseAddress"/> (same local part and domain, any case).</summary>
    public static bool TryRead(string? address, string baseAddress, [NotNullWhen(true)] out Guid? conversationId)
    {
        conversationId = null;
        if (!EmailAddressNormalizer.TryNormalize(address, out var normalized) || !EmailAddressNormalizer.TryNormalize(baseAddress, out var normalizedBase))
        {
            return false;
        }

        var plainBase = EmailAddresses.WithoutSubaddress(normalizedBase);
        if (EmailAddresses.WithoutSubaddress(normalized) != plainBase)
        {
            return false;
        }

        var at = normalized.LastIndexOf('@');
        var plus = normalized.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 && plus < at && TryDecode(normalized[(plus + 1)..at], out conversationId);
    }
}
