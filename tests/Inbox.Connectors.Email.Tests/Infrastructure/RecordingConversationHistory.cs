using System.Collections.Concurrent;

namespace Inbox.Connectors.Email.Tests.Infrastructure;

/// <summary>The host's conversation history as the sender sees it: the customer's last inbound email per conversation.</summary>
public sealed class RecordingConversationHistory : IConversationHistory
{
    private readonly ConcurrentDictionary<Guid, ThreadedMessage> _last = new();

    public ConcurrentQueue<(Guid ConversationId, string Channel)> Lookups { get; } = new();

    /// <summary>Records a stored inbound email as the host would: its ExternalId, first identity and metadata.</summary>
    public void Remember(Guid conversationId, InboundMessage inbound) =>
        _last[conversationId] = new ThreadedMessage(inbound.ExternalId, inbound.From[0].ToString(), inbound.Metadata ?? new Dictionary<string, string>(), inbound.SentAt);

    public void Remember(Guid conversationId, ThreadedMessage message) => _last[conversationId] = message;

    public Task<ThreadedMessage?> LastInboundAsync(Guid conversationId, string channel, CancellationToken cancellationToken)
    {
        Lookups.Enqueue((conversationId, channel));
        return Task.FromResult(channel == ChannelNames.Email && _last.TryGetValue(conversationId, out var message) ? message : null);
    }
}
