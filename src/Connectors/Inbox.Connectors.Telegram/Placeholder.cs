namespace Inbox.Connectors.Telegram;
internal static class Placeholder { }
