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
