using Telegram.Bot.Types.ReplyMarkups;

namespace Inbox.Connectors.Telegram;

/// <summary>
/// Reply keyboards the bot shows. The one that matters: a "share my number" button (<c>request_contact</c>), which makes
/// Telegram send the customer's own verified phone number, so their Telegram and phone identities join one customer.
/// </summary>
/// <remarks>
/// A reply written by an operator or the chatbot asks for the number by containing <see cref="RequestContactMarker"/>
/// anywhere in its text (<see cref="AskForContact"/> appends it). The Telegram sender removes the marker and attaches the
/// button to the last text message. Other channels never see it, because it only means something to this connector;
/// callers put it only into replies that go out through Telegram.
/// A reply's <see cref="OutboundMessage.Choices"/> become an inline keyboard under its last text message (<see cref="Choices"/>);
/// a message carries one keyboard, so they take the place of the share-number button when a reply asks for both.
/// </remarks>
public static class TelegramKeyboards
{
    /// <summary>Put in an outbound text, it asks the customer for their phone number with a button; it is not sent.</summary>
    public const string RequestContactMarker = "[[request-contact]]";

    public const string DefaultRequestContactButtonText = "Поделиться номером";

    /// <summary>A one-row, one-button keyboard: <c>{"text": buttonText, "request_contact": true}</c>, hidden once used.</summary>
    public static ReplyKeyboardMarkup RequestContact(string buttonText)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(buttonText);
        return new ReplyKeyboardMarkup(KeyboardButton.WithRequestContact(buttonText))
        {
            ResizeKeyboard = true,
            OneTimeKeyboard = true,
        };
    }

    /// <summary>
    /// The reply's choices as an inline keyboard of one row: <c>{"text": label, "callback_data": data}</c> each. A press comes
    /// back as a <c>callback_query</c> whose data is the choice's. Choices whose data is empty or longer than 64 bytes (the
    /// Bot API refuses the whole message then) are left out; null when none is left.
    /// </summary>
    public static InlineKeyboardMarkup? Choices(IReadOnlyList<OutboundChoice>? choices)
    {
        var buttons = (choices ?? [])
            .Where(c => !string.IsNullOrWhiteSpace(c.Label) && c.Data.Length > 0 && System.Text.Encoding.UTF8.GetByteCount(c.Data) <= OutboundChoice.MaxDataBytes)
            .Select(c => InlineKeyboardButton.WithCallbackData(c.Label, c.Data))
            .ToList();
        return buttons.Count == 0 ? null : new InlineKeyboardMarkup(buttons);
    }

    /// <summary>The text with <see cref="RequestContactMarker"/> appended: sent through Telegram, it shows the share-number button.</summary>
    public static string AskForContact(string text) =>
        text.Contains(RequestContactMarker, StringComparison.Ordinal) ? text : text.TrimEnd() + "\n" + RequestContactMarker;

    /// <summary>Removes every <see cref="RequestContactMarker"/> from the text; true when there was one.</summary>
    public static bool TryRemoveRequestContactMarker(string text, out string remaining)
    {
        if (!text.Contains(RequestContactMarker, StringComparison.Ordinal))
        {
            remaining = text;
            return false;
        }

        remaining = text.Replace(RequestContactMarker, string.Empty, StringComparison.Ordinal).Trim();
        return true;
    }
}
