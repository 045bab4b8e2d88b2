namespace Inbox.Connectors.Telegram;

/// <summary>What handling one update did (for logs and tests).</summary>
public enum TelegramUpdateResult
{
    /// <summary>A message or button press was stored as a new inbound message.</summary>
    Stored,

    /// <summary>It was stored before (a retried update): nothing changed.</summary>
    Duplicate,

    /// <summary>A stored message got its new text.</summary>
    Edited,

    /// <summary>An edit of a message we never stored (or an edit without text): ignored.</summary>
    EditIgnored,

    /// <summary>The customer blocked or unblocked the bot.</summary>
    ReachabilityChanged,

    /// <summary>An update we do not handle (other types, group chats, bots): acknowledged and ignored.</summary>
    Ignored,
}
