using Inbox.Connectors;
using Inbox.Domain.Storage;

namespace Inbox.Web.Outbox;

/// <summary>Lets connectors thread their replies on the customer's last message of their channel.</summary>
public sealed class ConversationHistory(IConversationQueries store) : IConversationHistory
{
    public async Task<ThreadedMessage?> LastInboundAsync(Guid conversationId, string channel, CancellationToken cancellationToken) =>
        await store.LastInboundAsync(conversationId, channel, cancellationToken) is { ExternalId: { } externalId } message
            ? new ThreadedMessage(externalId, message.Identity, message.Metadata ?? new Dictionary<string, string>(), message.CreatedAt)
            : null;
}
