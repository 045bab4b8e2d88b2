using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Inbox.Connectors.Email;

/// <summary>
/// Parses raw mail as MimeKit would, with two fixes for Russian mail: 8-bit header bytes that declare no charset are
/// read as <see cref="EmailChannelOptions.FallbackCharset"/> (windows-1251) instead of Latin-1, and text bodies without a
/// (known) charset are read as UTF-8 when valid, else as that code page.
/// </summary>
public sealed class EmailMimeReader
{
    public EmailMimeReader(IOptions<EmailChannelOptions> options)
    {
        EmailCharsets.Register();
        Fallback = EmailCharsets.TryGet(options.Value.FallbackCharset)
            ?? throw new InvalidOperationException($"{EmailChannelOptions.SectionName}:FallbackCharset '{options.Value.FallbackCharset}' is not a known charset.");
        ParserOptions = new ParserOptions { CharsetEncoding = Fallback };
    }

    public Encoding Fallback { get; }

    public ParserOptions ParserOptions { get; }

    public MimeMessage Load(Stream stream, CancellationToken cancellationToken = default) =>
        MimeMessage.Load(ParserOptions, stream, cancellationToken);

    public MimeEntity LoadEntity(Stream stream, CancellationToken cancellationToken = default) =>
        MimeEntity.Load(ParserOptions, stream, cancellationToken);

    /// <summary>The decoded text of a text part (see the class remarks for the charset rules).</summary>
    public string ReadText(TextPart part)
    {
        if (part.Content is null)
        {
            return "";
        }

        using var buffer = new MemoryStream();
        part.Content.DecodeTo(buffer);
        return EmailCharsets.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), part.ContentType.Charset, Fallback);
    }
}
