using MailKit;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.IO;

namespace Inbox.Connectors.Email;

/// <summary>
/// Downloads one mail from an IMAP folder without setting <c>\Seen</c> (<c>BODY.PEEK</c>). A mail larger than the attachment cap
/// is downloaded part by part, using the BODYSTRUCTURE: parts larger than the cap are not downloaded at all, so a 20 MB
/// attachment never comes into memory. Raw bytes are parsed by <see cref="EmailMimeReader"/> (undeclared cp1251 headers).
/// </summary>
public sealed class EmailMailFetcher(EmailMimeReader reader, IOptions<EmailChannelOptions> options)
{
    /// <summary>What is asked of the server before a mail is downloaded: its UID, size, arrival time and structure.</summary>
    public static readonly IFetchRequest SummaryRequest =
        new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.InternalDate | MessageSummaryItems.BodyStructure);

    public async Task<EmailFetchedMail> FetchAsync(IMailFolder folder, IMessageSummary summary, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxAttachmentBytes;
        var receivedAt = summary.InternalDate;
        var large = summary.Size is { } size && size > limit;
        if (!large || summary.Body is null || (summary.Body is BodyPartBasic single && single.Octets <= EncodedLimit(limit)))
        {
            await using var whole = await folder.GetStreamAsync(summary.UniqueId, cancellationToken);
            return EmailFetchedMail.Whole(reader.Load(whole, cancellationToken), receivedAt);
        }

        byte[] header;
        await using (var headerStream = await folder.GetStreamAsync(summary.UniqueId, "HEADER", cancellationToken))
        {
            header = await ReadAllAsync(headerStream, cancellationToken);
        }

        var message = reader.Load(new MemoryStream(EndWithBlankLine(header)), cancellationToken);
        var omitted = new Dictionary<MimeEntity, long>(ReferenceEqualityComparer.Instance);
        message.Body = await BuildAsync(folder, summary.UniqueId, summary.Body, limit, omitted, cancellationToken);
        return new EmailFetchedMail(message, omitted, receivedAt);
    }

    /// <summary>The most encoded bytes a part may have to be downloaded: base64 makes 3 bytes 4 characters (plus line breaks).</summary>
    public static long EncodedLimit(long limit) => limit / 3 * 4 + limit / 38 + 4096;

    private async Task<MimeEntity> BuildAsync(IMailFolder folder, UniqueId uid, BodyPart part, long limit, Dictionary<MimeEntity, long> omitted, CancellationToken cancellationToken)
    {
        if (part is BodyPartMultipart multipart)
        {
            var container = NewMultipart(multipart.ContentType);
            foreach (var child in multipart.BodyParts)
            {
                container.Add(await BuildAsync(folder, uid, child, limit, omitted, cancellationToken));
            }

            return container;
        }

        var basic = (BodyPartBasic)part;
        if (basic.Octets > EncodedLimit(limit) || string.IsNullOrEmpty(basic.PartSpecifier))
        {
            var placeholder = new MimePart(basic.ContentType.MediaType, basic.ContentType.MediaSubtype);
            if (basic.ContentDisposition is { } disposition)
            {
                placeholder.ContentDisposition = new ContentDisposition(disposition.Disposition);
            }

            if (!string.IsNullOrWhiteSpace(basic.FileName))
            {
                placeholder.FileName = basic.FileName;
            }

            if (basic.ContentTransferEncoding is { } encoding && MimeKit.Utils.MimeUtils.TryParse(encoding, out ContentEncoding parsed))
            {
                placeholder.ContentTransferEncoding = parsed;
            }

            omitted[placeholder] = basic.Octets;
            return placeholder;
        }

        byte[] mimeHeader;
        await using (var headerStream = await folder.GetStreamAsync(uid, basic.PartSpecifier + ".MIME", cancellationToken))
        {
            mimeHeader = EndWithBlankLine(await ReadAllAsync(headerStream, cancellationToken));
        }

        await using var content = await folder.GetStreamAsync(uid, basic.PartSpecifier, cancellationToken);
        using var chained = new ChainedStream();
        chained.Add(new MemoryStream(mimeHeader), leaveOpen: false);
        chained.Add(content, leaveOpen: true);
        return reader.LoadEntity(chained, cancellationToken);
    }

    private static Multipart NewMultipart(ContentType type)
    {
        Multipart multipart = type.MediaSubtype.ToLowerInvariant() switch
        {
            "alternative" => new MultipartAlternative(),
            "related" => new MultipartRelated(),
            "report" => new MultipartReport(type.Parameters["report-type"] ?? "delivery-status"),
            _ => new Multipart(type.MediaSubtype),
        };
        foreach (var parameter in type.Parameters)
        {
            if (!parameter.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase) && !multipart.ContentType.Parameters.Contains(parameter.Name))
            {
                multipart.ContentType.Parameters.Add(parameter.Name, parameter.Value);
            }
        }

        return multipart;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>A header block must end with an empty line for the parser to know the content starts after it.</summary>
    private static byte[] EndWithBlankLine(byte[] header)
    {
        var text = header.AsSpan();
        if (text.EndsWith("\r\n\r\n"u8) || text.EndsWith("\n\n"u8))
        {
            return header;
        }

        return [.. header, .. (text.EndsWith("\n"u8) ? "\r\n"u8 : "\r\n\r\n"u8)];
    }
}
