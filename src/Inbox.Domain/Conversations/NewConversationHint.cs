using Orleans.Runtime;

namespace Inbox.Domain.Conversations;

/// <summary>
/// Tells a conversation's grain, as it starts, that its conversation cannot be stored yet: the caller has just made its
/// id up (a new customer's first message, <see cref="Customers.CustomerResolution.ClaimsSender"/>), so the grain starts
/// without reading a row the store cannot hold. The hint travels in Orleans' request context, which the runtime hands to
/// the activation that the call starts, and names the conversation, so a call the grain makes on to another grain's start
/// is not mistaken for it. A wrong hint loses nothing: the grain's first step would be numbered 1, the store refuses a
/// step numbered as one it holds (<see cref="Storage.StepConflictException"/>), and the activation leaves, so the next
/// one reads the row.
/// </summary>
public static class NewConversationHint
{
    private const string Key = "inbox.new-conversation";

    /// <summary>Calls made until the scope is disposed carry the hint for <paramref name="conversationId"/>.</summary>
    public static Scope For(Guid conversationId)
    {
        RequestContext.Set(Key, conversationId);
        return default;
    }

    /// <summary>Whether the call being served (or the activation it starts) carries the hint for <paramref name="conversationId"/>.</summary>
    public static bool IsFor(Guid conversationId) => RequestContext.Get(Key) is Guid hinted && hinted == conversationId;

    /// <summary>Takes the hint off the calls that follow.</summary>
    public readonly struct Scope : IDisposable
    {
        public void Dispose() => RequestContext.Remove(Key);
    }
}
