using System.Globalization;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Inbox.Identity;

namespace Inbox.Connectors.Telegram;

/// <summary>
/// Turns Telegram messages into neutral inbound messages. The sender is <c>telegram:{from.id}</c>; a contact the customer
/// shares about themselves (<c>contact.user_id == from.id</c>) adds their phone number as a second identity, so the
/// pipeline joins it to the same customer. A contact of someone else is only described in the text.
/// </summary>
public sealed class TelegramInboundConverter(PhoneNumberNormalizer phones)
{
    /// <summary><c>{chat.id}:{message_id}</c>: the same for every delivery of a message (and for its edits).</summary>
    public static string MessageExternalId(Message message) =>
        string.Create(CultureInfo.InvariantCulture, $"{message.Chat.Id}:{message.Id}");

    /// <summary><c>callback:{id}</c>: a button press, the same on every delivery of it.</summary>
    public static string CallbackExternalId(CallbackQuery query) => "callback:" + query.Id;

    public static ChannelIdentity UserIdentity(long userId) =>
        new(IdentityKinds.Telegram, userId.ToString(CultureInfo.InvariantCulture));

    /// <summary>first_name and last_name, or null when both are blank.</summary>
    public static string? SenderName(User user)
    {
        var name = string.Join(' ', new[] { user.FirstName, user.LastName }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
        return name.Length == 0 ? null : name;
    }

    /// <summary>Whether we take this message at all: from a person, in a private chat with the bot.</summary>
    public static bool IsFromCustomer(Message message) =>
        message.Chat is { Type: ChatType.Private } && message.From is { IsBot: false };

    /// <summary>
    /// The files of a message to download: the largest size of a photo (the last in <c>photo</c>), a document, and the
    /// other file kinds (voice, audio, video, video note, animation).
    /// </summary>
    public static IReadOnlyList<TelegramFileReference> FilesOf(Message message)
    {
        var files = new List<TelegramFileReference>();
        if (message.Photo is { Length: > 0 } sizes)
        {
            var largest = sizes[^1];
            files.Add(new TelegramFileReference(largest.FileId, null, "image/jpeg", largest.FileSize));
        }

        if (message.Animation is { } animation)
        {
            files.Add(new TelegramFileReference(animation.FileId, animation.FileName, animation.MimeType ?? "video/mp4", animation.FileSize));
        }
        else if (message.Document is { } document)
        {
            // An animation also carries a copy of itself as a document: take it once.
            files.Add(new TelegramFileReference(document.FileId, document.FileName, document.MimeType ?? "application/octet-stream", document.FileSize));
        }

        if (message.Voice is { } voice)
        {
            files.Add(new TelegramFileReference(voice.FileId, null, voice.MimeType ?? "audio/ogg", voice.FileSize));
        }

        if (message.Audio is { } audio)
        {
            files.Add(new TelegramFileReference(audio.FileId, audio.FileName, audio.MimeType ?? "audio/mpeg", audio.FileSize));
        }

        if (message.Video is { } video)
        {
            files.Add(new TelegramFileReference(video.FileId, video.FileName, video.MimeType ?? "video/mp4", video.FileSize));
        }

        if (message.VideoNote is { } videoNote)
        {
            files.Add(new TelegramFileReference(videoNote.FileId, null, "video/mp4", videoNote.FileSize));
        }

        return files;
    }

    /// <param name="attachments">The files of <see cref="FilesOf"/> that were downloaded.</param>
    /// <param name="notes">Lines to add to the text, e.g. about a file that could not be downloaded.</param>
    /// <param name="now">Used when the message carries no date.</param>
    public InboundMessage ToInbound(Message message, IReadOnlyList<InboundAttachment> attachments, IReadOnlyList<string> notes, DateTimeOffset now)
    {
        var from = message.From ?? throw new ArgumentException("The message has no sender.", nameof(message));
        var identities = new List<ChannelIdentity> { UserIdentity(from.Id) };
        var lines = new List<string>();
        var body = message.Text ?? message.Caption;
        if (!string.IsNullOrEmpty(body))
        {
            lines.Add(body);
        }

        var sharesOwnContact = false;
        if (message.Contact is { } contact)
        {
            lines.Add(DescribeContact(contact, from, identities, out sharesOwnContact));
        }

        lines.AddRange(notes);
        if (lines.Count == 0 && attachments.Count == 0)
        {
            lines.Add(Placeholder(message));
        }

        return new InboundMessage(ChannelNames.Telegram, MessageExternalId(message), identities, SenderName(from),
            string.Join('\n', lines), ToTime(message.Date, now), attachments.Count == 0 ? null : attachments)
        {
            Metadata = sharesOwnContact ? new Dictionary<string, string> { [InboundMetadataKeys.SharedContact] = InboundMetadataKeys.OwnContact } : null,
        };
    }

    /// <summary>A button press: the button's data (e.g. <c>rate:5</c>) as the text, at the time we received it.</summary>
    public static InboundMessage FromCallback(CallbackQuery query, DateTimeOffset receivedAt)
    {
        var text = !string.IsNullOrEmpty(query.Data) ? query.Data
            : !string.IsNullOrEmpty(query.GameShortName) ? $"[game button: {query.GameShortName}]"
            : "[button without data]";
        return new InboundMessage(ChannelNames.Telegram, CallbackExternalId(query), [UserIdentity(query.From.Id)], SenderName(query.From), text, receivedAt);
    }

    public static DateTimeOffset ToTime(DateTime telegramTime, DateTimeOffset fallback) =>
        telegramTime == default ? fallback : new DateTimeOffset(DateTime.SpecifyKind(telegramTime, DateTimeKind.Utc));

    /// <summary>Telegram's phone_number usually lacks the "+" (79123456789, 380501234567): it always carries the country code, so add it.</summary>
    public bool TryNormalizeContactPhone(string? raw, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(raw))
        {
            return false;
        }

        var text = raw.Trim();
        if (!text.StartsWith('+'))
        {
            text = "+" + text;
        }

        if (phones.TryNormalize(text, out var normalized))
        {
            e164 = normalized;
            return true;
        }

        return false;
    }

    /// <param name="sharesOwnContact">Set when the contact is the sender's own with a valid phone, now among their identities.</param>
    private string DescribeContact(Contact contact, User from, List<ChannelIdentity> identities, out bool sharesOwnContact)
    {
        var hasPhone = TryNormalizeContactPhone(contact.PhoneNumber, out var e164);
        var phone = hasPhone ? e164 : contact.PhoneNumber?.Trim() ?? "";
        sharesOwnContact = false;
        if (contact.UserId is { } userId && userId == from.Id)
        {
            if (hasPhone)
            {
                identities.Add(new ChannelIdentity(IdentityKinds.Phone, e164));
                sharesOwnContact = true;
            }

            return $"[shared own phone number: {phone}]";
        }

        var name = string.Join(' ', new[] { contact.FirstName, contact.LastName }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
        return $"[shared a contact: {name}, {phone}]";
    }

    private static string Placeholder(Message message) => message switch
    {
        { Sticker: { } sticker } => $"[sticker {sticker.Emoji}]".Replace(" ]", "]", StringComparison.Ordinal),
        { Location: { } location } => string.Create(CultureInfo.InvariantCulture, $"[location {location.Latitude:0.######}, {location.Longitude:0.######}]"),
        _ => $"[{message.Type} message]",
    };
}
