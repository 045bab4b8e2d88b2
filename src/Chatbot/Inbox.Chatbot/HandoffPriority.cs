namespace Inbox.Chatbot;

/// <summary>How soon an operator should pick the conversation up.</summary>
public enum HandoffPriority
{
    /// <summary>In turn.</summary>
    Normal,

    /// <summary>A fraud conversation.</summary>
    High,

    /// <summary>A possible victim of fraud: at once.</summary>
    Urgent,
}
