namespace Inbox.Domain.Storage;

/// <summary>
/// A commit the store refused because it holds a step of the conversation numbered as the commit's first already: another
/// activation of the conversation's grain stored it (a split cluster), or an earlier commit was stored and its answer
/// lost. Nothing of the commit is written; the grain that gets it reads the conversation again before its next step, so a
/// retry (a provider's redelivery, an operator's second click) is numbered after what is stored.
/// </summary>
[GenerateSerializer, Alias("Inbox.StepConflictException")]
public sealed class StepConflictException : Exception
{
    public StepConflictException(string message) : base(message)
    {
    }

    public StepConflictException(string message, Exception inner) : base(message, inner)
    {
    }
}
