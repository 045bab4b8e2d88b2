namespace Inbox.Connectors;

/// <summary>What a connector may look up of a conversation to thread its replies (email: In-Reply-To, References, Subject).</summary>
public interface IConversationHistory
{
    /// <summary>The customer's newest inbound message on <paramref name="channel"/> in the conversation, or null.</summary>
    Task<ThreadedMessage?> LastInboundAsync(Guid conversationId, string channel, CancellationToken cancellationToken);
}

/// <summary>An inbound message's provider id (email Message-ID) and the facts its connector kept with it.</summary>
public sealed record ThreadedMessage(string ExternalId, string? Identity, IReadOnlyDictionary<string, string> Metadata, DateTimeOffset CreatedAt);
