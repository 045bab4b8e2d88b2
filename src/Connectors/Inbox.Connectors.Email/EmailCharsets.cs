using System.Text;

namespace Inbox.Connectors.Email;

/// <summary>
/// Code pages for Russian mail. .NET has only UTF-8, UTF-16 and Latin-1 built in; windows-1251 and koi8-r come from
/// <see cref="CodePagesEncodingProvider"/>. MimeKit builds its charset table once, at its first use, so the provider must be
/// registered before anything touches MimeKit (the host calls <see cref="EmailModule"/> at
/// start-up, which calls <see cref="Register"/> first thing).
/// </summary>
public static class EmailCharsets
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Registers the code-page provider (idempotent). Call it before any MimeKit use.</summary>
    public static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding of a charset name (<c>windows-1251</c>, <c>cp1251</c>, <c>koi8-r</c>…), or null when unknown.</summary>
    public static Encoding? TryGet(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return null;
        }

        Register();
        var name = charset.Trim().Trim('"', '\'').ToLowerInvariant();
        name = name switch
        {
            "cp1251" or "win-1251" or "win1251" or "windows1251" or "x-cp1251" => "windows-1251",
            "koi8r" or "koi8" => "koi8-r",
            "koi8u" => "koi8-u",
            "utf8" => "utf-8",
            _ => name,
        };
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether MimeKit decodes windows-1251 encoded words (<c>=?windows-1251?B?z/Do4uXy?=</c> is "Привет"). False when something
    /// used MimeKit before <see cref="Register"/> ran: its charset table was then built without the code pages, for good.
    /// </summary>
    public static bool MimeKitDecodesCyrillic()
    {
        var header = "Subject: =?windows-1251?B?z/Do4uXy?=\r\n\r\n"u8.ToArray();
        return MimeKit.MimeMessage.Load(new MemoryStream(header)).Subject == "Привет";
    }

    /// <summary>
    /// Decodes text bytes: with the declared charset when it is known and fits; 8-bit bytes declared as US-ASCII or UTF-8
    /// that are not valid UTF-8, undeclared, or of an unknown charset are read as UTF-8 when valid, else as <paramref name="fallback"/>.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? declaredCharset, Encoding fallback)
    {
        var declared = TryGet(declaredCharset);
        var hasEightBit = bytes.ContainsAnyInRange((byte)0x80, (byte)0xFF);
        if (declared is not null)
        {
            var isAsciiOrUtf8 = declared.CodePage is 20127 or 65001;
            if (!hasEightBit || !isAsciiOrUtf8 || IsUtf8(bytes))
            {
                return isAsciiOrUtf8 && hasEightBit ? Encoding.UTF8.GetString(bytes) : declared.GetString(bytes);
            }

            return fallback.GetString(bytes);
        }

        if (!hasEightBit || IsUtf8(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        return fallback.GetString(bytes);
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
