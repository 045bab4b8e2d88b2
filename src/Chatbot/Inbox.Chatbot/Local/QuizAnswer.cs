namespace Inbox.Chatbot.Local;

/// <summary>What the customer answered to a quiz situation.</summary>
public enum QuizAnswer
{
    /// <summary>Not an answer.</summary>
    None,

    /// <summary>"It's the shop."</summary>
    Shop,

    /// <summary>"It's a scammer."</summary>
    Scammer,

    /// <summary>"Stop the quiz."</summary>
    Stop,
}
