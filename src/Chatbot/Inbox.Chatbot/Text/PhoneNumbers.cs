namespace Inbox.Chatbot.Text;

/// <summary>
/// A small E.164 normaliser for matching an order's phone against a verified identity: <c>8 916 123-45-67</c>,
/// <c>+7 (916) 123-45-67</c> and <c>79161234567</c> are one number (Russian trunk prefix 8 and ten-digit national numbers
/// read as +7). The host gives identities already in E.164; this only reads what order systems store.
/// </summary>
public static class PhoneNumbers
{
    /// <summary>The number as <c>+</c> and digits, or null when it has fewer than 10 digits (hidden or broken numbers match no one).</summary>
    public static string? Normalize(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 11 && digits[0] == '8' && !phone.TrimStart().StartsWith('+'))
        {
            digits = "7" + digits[1..];
        }
        else if (digits.Length == 10 && digits[0] == '9' && !phone.TrimStart().StartsWith('+'))
        {
            digits = "7" + digits;
        }

        return digits.Length is >= 10 and <= 15 ? "+" + digits : null;
    }

    /// <summary>True when both are the same number after <see cref="Normalize"/>.</summary>
    public static bool AreSame(string? left, string? right)
    {
        var a = Normalize(left);
        var b = Normalize(right);
        return a is not null && string.Equals(a, b, StringComparison.Ordinal);
    }
}
