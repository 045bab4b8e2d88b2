namespace Inbox.Chatbot.Local;

/// <summary>The result of <see cref="ConversationEvaluation.EvaluateAsync"/>.</summary>
/// <param name="Conversations">Conversations played.</param>
/// <param name="PassedConversations">Conversations in which every turn was as expected.</param>
/// <param name="Turns">Turns played.</param>
/// <param name="PassedTurns">Turns that were as expected.</param>
/// <param name="Failures">Every turn that was not.</param>
public sealed record ConversationReport(int Conversations, int PassedConversations, int Turns, int PassedTurns, IReadOnlyList<ConversationFailure> Failures)
{
    /// <summary>True when every turn of every conversation was as expected.</summary>
    public bool AllPassed => Failures.Count == 0 && Turns > 0;
}
