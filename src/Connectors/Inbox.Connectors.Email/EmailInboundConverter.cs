using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using Inbox.Identity;

namespace Inbox.Connectors.Email;

/// <summary>
/// Turns a mail into an <see cref="InboundMessage"/> (or, for a delivery status notification, a <see cref="EmailBounce"/>):
/// the sender's identity <c>email:{address}</c>, the full text (plain text, or safe text made from HTML-only mail, with
/// forwarded messages and notes about attachments not kept), attachments up to the cap, the folded display text and the
/// threading facts (Message-ID, In-Reply-To/References, our reply token) the host needs.
/// </summary>
public sealed class EmailInboundConverter(EmailMimeReader reader, IOptions<EmailChannelOptions> options, TimeProvider clock)
{
    /// <summary>How many characters of the body text go into the hash that stands in for a missing Message-ID (the first 1 KB).</summary>
    public const int HashedBodyChars = 1024;

    /// <summary>The identity of mail whose sender cannot be read at all (such mail is marked automated).</summary>
    public const string UnknownSender = "unknown-sender@invalid";

    private const int MaxForwardDepth = 3;

    private readonly EmailOwnAddresses _own = new(options.Value);

    public EmailInboundItem Convert(EmailFetchedMail mail)
    {
        var message = mail.Message;
        if (EmailBounceReader.TryRead(message) is { } bounce)
        {
            return new EmailInboundItem.Bounce(bounce);
        }

        var limit = options.Value.MaxAttachmentBytes;
        var body = new BodyReader(reader, mail.OmittedParts, limit);
        string text;
        string display;
        try
        {
            body.Read(message);
            text = body.FullText();
            display = body.DisplayText();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A mail that cannot be taken apart is still stored (with its headers' facts), never retried forever.
            text = $"[This email could not be read: {ex.Message}]";
            display = text;
        }

        if (text.Trim().Length == 0)
        {
            // A mail with only a subject ("Call me back"): the subject is what the customer said.
            text = !string.IsNullOrWhiteSpace(message.Subject) ? message.Subject.Trim() : body.Attachments.Count > 0 ? "" : "[empty email]";
            display = text;
        }

        var (fromAddress, senderName) = ReadSender(message);
        var automated = EmailAutomationDetector.Detect(message, _own);
        if (fromAddress == UnknownSender)
        {
            automated ??= "no sender address";
        }

        var messageId = EmailMessageIds.Normalize(message.MessageId);
        var externalId = messageId ?? HashId(message, body.BodyTextForHash);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [EmailMetadataKeys.Subject] = message.Subject?.Trim() ?? "",
            [EmailMetadataKeys.References] = string.Join(' ', EmailMessageIds.ReadReferences(message)),
            [EmailMetadataKeys.Display] = display,
        };
        if (messageId is not null)
        {
            metadata[EmailMetadataKeys.MessageId] = messageId;
        }

        if (EmailAddresses.FirstMailbox(message.ReplyTo) is { } replyTo && EmailAddressNormalizer.TryNormalize(replyTo.Address, out var replyAddress)
            && replyAddress != fromAddress && !_own.Contains(replyAddress))
        {
            metadata[EmailMetadataKeys.ReplyTo] = replyAddress;
        }

        if (automated is not null)
        {
            metadata[EmailMetadataKeys.Automated] = automated;
        }

        if (body.Omitted.Count > 0)
        {
            metadata[EmailMetadataKeys.OmittedAttachments] = string.Join('\n', body.Omitted);
        }

        var inReplyTo = EmailMessageIds.ReadInReplyTo(message);
        var inbound = new InboundMessage(
            ChannelNames.Email,
            externalId,
            [new ChannelIdentity(IdentityKinds.Email, fromAddress)],
            senderName,
            text,
            SentAt(message, mail.ReceivedAt),
            body.Attachments.Count > 0 ? body.Attachments : null)
        {
            IsAutomated = automated is not null,
            InReplyTo = inReplyTo.Count > 0 ? inReplyTo : null,
            ConversationHint = FindReplyToken(message),
            Metadata = metadata,
        };
        return new EmailInboundItem.Message(inbound);
    }

    private static (string Address, string? Name) ReadSender(MimeMessage message)
    {
        foreach (var mailbox in (IEnumerable<MailboxAddress?>)[EmailAddresses.FirstMailbox(message.From), message.Sender, EmailAddresses.FirstMailbox(message.ReplyTo)])
        {
            if (mailbox is not null && EmailAddressNormalizer.TryNormalize(mailbox.Address, out var address))
            {
                var name = string.IsNullOrWhiteSpace(mailbox.Name) ? null : mailbox.Name.Trim();
                return (address, name);
            }
        }

        if (EmailAddressNormalizer.TryNormalize(message.Headers[HeaderId.ReturnPath], out var returnPath))
        {
            return (returnPath, null);
        }

        return (UnknownSender, null);
    }

    private DateTimeOffset SentAt(MimeMessage message, DateTimeOffset? receivedAt)
    {
        var now = clock.GetUtcNow();
        var date = message.Headers.Contains(HeaderId.Date) ? message.Date : DateTimeOffset.MinValue;
        if (date != DateTimeOffset.MinValue && date.Year > 1990 && date <= now.AddDays(1))
        {
            return date;
        }

        return receivedAt ?? now;
    }

    /// <summary>Our reply token in a recipient address (To, Cc, Delivered-To, X-Original-To, Envelope-To).</summary>
    private Guid? FindReplyToken(MimeMessage message)
    {
        if (_own.ReplyToBase is not { } replyBase)
        {
            return null;
        }

        var candidates = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Select(m => m.Address)
            .Concat(((string[])["Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To"])
                .SelectMany(field => message.Headers.Where(h => h.Field.Equals(field, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)));
        foreach (var candidate in candidates)
        {
            if (EmailReplyToken.TryRead(candidate, replyBase, out var conversationId))
            {
                return conversationId;
            }
        }

        return null;
    }

    /// <summary>The ExternalId of mail without a (usable) Message-ID: a hash of From, Date, Subject and the first 1 KB of the body.</summary>
    public static string HashId(MimeMessage message, string bodyText)
    {
        var material = string.Join('\n',
            message.Headers[HeaderId.From]?.Trim() ?? "",
            message.Headers[HeaderId.Date]?.Trim() ?? "",
            message.Headers[HeaderId.Subject]?.Trim() ?? "",
            bodyText.Length <= HashedBodyChars ? bodyText : bodyText[..HashedBodyChars]);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(material));
        return "hash:" + System.Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>Walks a message: picks the body text, collects attachments, forwarded messages and notes.</summary>
    private sealed class BodyReader(EmailMimeReader reader, IReadOnlyDictionary<MimeEntity, long> omittedParts, long limit)
    {
        private readonly StringBuilder _body = new();
        private readonly List<string> _forwards = [];
        private readonly List<string> _notes = [];
        private int? _htmlQuoteStart;

        public List<InboundAttachment> Attachments { get; } = [];

        public List<string> Omitted { get; } = [];

        public string BodyTextForHash => _body.ToString();

        public void Read(MimeMessage message, int depth = 0)
        {
            var (plain, html) = (FindText(message.Body, "plain"), FindText(message.Body, "html"));
            var plainText = plain is null ? "" : Normalize(reader.ReadText(plain));
            TextPart? chosen = null;
            if (plainText.Trim().Length > 0 || html is null)
            {
                chosen = plain;
                _body.Append(plainText.TrimEnd());
            }
            else
            {
                chosen = html;
                var converted = EmailHtmlConverter.Convert(reader.ReadText(html));
                _body.Append(converted.Text);
                _htmlQuoteStart = converted.QuoteStart;
            }

            Collect(message.Body, chosen, insideAlternative: false, insideRelated: false, depth);
        }

        public string FullText() => Join(_body.ToString(), _forwards, _notes);

        public string DisplayText() => Join(EmailQuoteFolder.Fold(_body.ToString(), _htmlQuoteStart), _forwards, _notes);

        private static string Join(string body, List<string> forwards, List<string> notes)
        {
            var text = new StringBuilder(body.TrimEnd());
            foreach (var block in forwards.Concat(notes))
            {
                if (text.Length > 0)
                {
                    text.Append("\n\n");
                }

                text.Append(block);
            }

            return text.ToString();
        }

        private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

        /// <summary>The body text part of a subtype: the plain or HTML alternative, the root of related, the first inline text of mixed.</summary>
        private static TextPart? FindText(MimeEntity? entity, string subtype)
        {
            switch (entity)
            {
                case MultipartAlternative alternative:
                    for (var i = alternative.Count - 1; i >= 0; i--)
                    {
                        if (FindText(alternative[i], subtype) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case MultipartRelated related:
                    return related.Root is { } root ? FindText(root, subtype) : null;
                case Multipart multipart:
                    foreach (var child in multipart)
                    {
                        if (child is MessagePart)
                        {
                            continue;
                        }

                        if (FindText(child, subtype) is { } found)
                        {
                            return found;
                        }

                        // Past the first real body part, the rest are attachments or additions.
                        if (child is TextPart { IsAttachment: false } || child is Multipart)
                        {
                            return null;
                        }
                    }

                    return null;
                case TextPart text when text.ContentType.IsMimeType("text", subtype) && !text.IsAttachment:
                    return text;
                default:
                    return null;
            }
        }

        private void Collect(MimeEntity? entity, TextPart? chosen, bool insideAlternative, bool insideRelated, int depth)
        {
            switch (entity)
            {
                case null:
                    return;
                case MultipartAlternative alternative:
                    foreach (var child in alternative)
                    {
                        Collect(child, chosen, insideAlternative: true, insideRelated, depth);
                    }

                    return;
                case MultipartRelated related:
                    foreach (var child in related)
                    {
                        // The related parts (images of the HTML) are the page's decoration, not the customer's files.
                        if (ReferenceEquals(child, related.Root) || child is Multipart)
                        {
                            Collect(child, chosen, insideAlternative, insideRelated: true, depth);
                        }
                    }

                    return;
                case Multipart multipart:
                    foreach (var child in multipart)
                    {
                        Collect(child, chosen, insideAlternative, insideRelated, depth);
                    }

                    return;
                case MessagePart forwarded:
                    AddForward(forwarded, depth);
                    return;
                case MimePart part:
                    if (ReferenceEquals(part, chosen) || (insideAlternative && part is TextPart) || (insideRelated && part is TextPart { IsAttachment: false }))
                    {
                        return;
                    }

                    if (part is TextPart { IsAttachment: false } inlineText && !omittedParts.ContainsKey(part))
                    {
                        var extra = inlineText.IsHtml ? EmailHtmlConverter.Convert(reader.ReadText(inlineText)).Text : Normalize(reader.ReadText(inlineText)).Trim();
                        if (extra.Length > 0 && depth == 0)
                        {
                            _body.Append("\n\n").Append(extra);
                        }

                        return;
                    }

                    if (depth == 0)
                    {
                        AddAttachment(part);
                    }

                    return;
            }
        }

        private void AddAttachment(MimePart part)
        {
            var name = FileNameOf(part, Attachments.Count + Omitted.Count + 1);
            var type = part.ContentType.MimeType.ToLowerInvariant();
            if (omittedParts.TryGetValue(part, out var octets))
            {
                // Base64 carries 3 bytes in 4 characters, in lines of 76 and a line break: 57 bytes in 78 octets.
                var approximate = part.ContentTransferEncoding == ContentEncoding.Base64 ? octets * 57 / 78 : octets;
                Omit(name, approximate);
                return;
            }

            if (part.Content is null)
            {
                return;
            }

            using var buffer = new MemoryStream();
            part.Content.DecodeTo(buffer);
            if (buffer.Length > limit)
            {
                Omit(name, buffer.Length);
                return;
            }

            Attachments.Add(new InboundAttachment(name, type, buffer.ToArray()));
        }

        private void AddForward(MessagePart forwarded, int depth)
        {
            if (forwarded.Message is not { } inner)
            {
                return;
            }

            if (depth < MaxForwardDepth)
            {
                var nested = new BodyReader(reader, omittedParts, limit);
                nested.Read(inner, depth + 1);
                var block = new StringBuilder("---------- Forwarded message ----------\n");
                block.Append("From: ").Append(inner.From.ToString()).Append('\n');
                if (inner.Headers.Contains(HeaderId.Date))
                {
                    block.Append("Date: ").Append(inner.Date.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)).Append('\n');
                }

                block.Append("Subject: ").Append(inner.Subject ?? "").Append("\n\n").Append(nested.FullText());
                if (depth == 0)
                {
                    _forwards.Add(block.ToString().TrimEnd());
                }
                else
                {
                    _body.Append("\n\n").Append(block.ToString().TrimEnd());
                }
            }

            if (depth > 0)
            {
                return;
            }

            var name = SafeFileName(string.IsNullOrWhiteSpace(inner.Subject) ? "forwarded message" : inner.Subject) + ".eml";
            if (omittedParts.TryGetValue(forwarded, out var octets))
            {
                Omit(name, octets);
                return;
            }

            using var buffer = new MemoryStream();
            inner.WriteTo(buffer);
            if (buffer.Length > limit)
            {
                Omit(name, buffer.Length);
                return;
            }

            Attachments.Add(new InboundAttachment(name, "message/rfc822", buffer.ToArray()));
        }

        private void Omit(string name, long bytes)
        {
            Omitted.Add(name);
            _notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"[Attachment \"{name}\" ({Megabytes(bytes)}) was not saved: it is larger than the {Megabytes(limit)} limit.]"));
        }

        private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d / 1024d:0.#} MB");

        private static string FileNameOf(MimePart part, int number)
        {
            var name = part.FileName;
            if (!string.IsNullOrWhiteSpace(name))
            {
                return SafeFileName(name);
            }

            var extension = MimeTypes.TryGetExtension(part.ContentType.MimeType, out var found) ? found : ".bin";
            return string.Create(CultureInfo.InvariantCulture, $"attachment-{number}{extension}");
        }

        private static string SafeFileName(string name)
        {
            var cleaned = new string(name.Select(c => char.IsControl(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c).ToArray()).Trim().Trim('.');
            if (cleaned.Length == 0)
            {
                cleaned = "attachment";
            }

            return cleaned.Length <= 150 ? cleaned : cleaned[..150];
        }
    }
}
