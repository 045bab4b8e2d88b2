namespace Inbox.Chatbot.Local;

/// <summary>Why the Local engine hands a conversation over.</summary>
internal enum HandoffReason
{
    /// <summary>The customer asked for a person.</summary>
    Asked,

    /// <summary>Two failed attempts (no order found, not understood) and a third failure.</summary>
    FailedAttempts,

    /// <summary>The order system failed.</summary>
    OrderSystemUnavailable,
}
