using Inbox.Domain;
using Inbox.Connectors;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;

namespace Inbox.Web.Outbox;

/// <summary>Finds the message a provider's receipt speaks of and moves its delivery state forward through its conversation.</summary>
public sealed class DeliveryReceipts(IConversationStore store, IGrainFactory grains) : IDeliveryReceipts
{
    public async Task<bool> RecordAsync(DeliveryReceipt receipt, CancellationToken cancellationToken)
    {
        var message = await store.FindByExternalIdAsync(receipt.Channel, receipt.ProviderMessageId, MessageKind.Outbound, cancellationToken);
        if (message is null && Guid.TryParse(receipt.ProviderMessageId, out var ownId))
        {
            // Channels that use our own message id (the API channel) may report before the send was recorded.
            message = await store.GetMessageAsync(ownId, cancellationToken);
        }

        if (message is null || message.Kind != MessageKind.Outbound || message.Channel != receipt.Channel)
        {
            return false;
        }

        var state = receipt.Status switch
        {
            ReceiptStatus.Sent => DeliveryState.Sent,
            ReceiptStatus.Delivered => DeliveryState.Delivered,
            _ => DeliveryState.Failed,
        };
        await grains.Reference<IConversationGrain>(message.ConversationId).RecordDeliveryAsync(message.MessageId, state, receipt.Reason, null);
        return true;
    }
}
