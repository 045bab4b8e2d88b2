namespace Inbox.Connectors.Telegram;

/// <summary>
/// Telegram could not be reached for something an update needs (a photo's download failed with 5xx, 429, a timeout or a
/// network error). Nothing was stored: the webhook answers 503 so Telegram delivers the update again, and the poller
/// keeps its offset and tries again.
/// </summary>
public sealed class TelegramUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
