using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Tests;

/// <summary>Commits as a conversation grain would make them.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public static ConversationCommit Inbound(Guid conversationId, long sequence, string externalId, string text = "hello")
    {
        var at = Start.AddSeconds(sequence);
        var message = new TimelineMessage(Guid.NewGuid(), conversationId, sequence, MessageKind.Inbound, "api", "api:c1", externalId, text,
            null, "Ivan", null, null, at, at);
        var snapshot = new ConversationSnapshot(conversationId, conversationId, ConversationStatus.Queued, null, sequence, at, "api", "api:c1", text, Start, at);
        return new ConversationCommit(snapshot, [new LiveEvent(conversationId, sequence, LiveEventTypes.MessageCreated, at, snapshot, message)], NewMessage: message);
    }
}
