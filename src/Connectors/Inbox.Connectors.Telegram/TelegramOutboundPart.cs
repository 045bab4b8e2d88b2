using Telegram.Bot.Types.ReplyMarkups;

namespace Inbox.Connectors.Telegram;

/// <summary>One Telegram message of a reply: a piece of text (with an optional keyboard: the share-number button or inline buttons) or one file.</summary>
internal sealed record TelegramOutboundPart(string? Text, OutboundAttachment? Attachment, ReplyMarkup? Keyboard);
