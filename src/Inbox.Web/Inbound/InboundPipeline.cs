using Inbox.Connectors;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;

namespace Inbox.Web.Inbound;

/// <summary>
/// The one path of every inbound message: identity resolution finds (or makes) the customer, then the customer's
/// conversation grain orders and stores the message. Completes only when the message is durable.
/// </summary>
public sealed class InboundPipeline(IGrainFactory grains, ILogger<InboundPipeline> logger) : IInboundPipeline
{
    public async Task<InboundAcceptance> AcceptAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        if (message.From.Count == 0)
        {
            throw new ArgumentException("An inbound message needs at least one sender identity.", nameof(message));
        }

        var customerId = await ResolveCustomerAsync(message);
        var incoming = new IncomingMessage(message.Channel, message.ExternalId, message.From[0].ToString(), message.SenderName, message.Text, message.SentAt);
        var result = await grains.GetGrain<IConversationGrain>(customerId).ReceiveAsync(incoming);
        logger.LogInformation("Inbound {Channel} message {ExternalId} from {Identity} stored as {MessageId} (sequence {Sequence}, duplicate {Duplicate})",
            message.Channel, message.ExternalId, incoming.FromIdentity, result.Message.MessageId, result.Message.Sequence, result.Duplicate);
        return new InboundAcceptance(result.Message.ConversationId, customerId, result.Message.MessageId, result.Message.Sequence, result.Duplicate);
    }

    /// <summary>
    /// The first identity that already has an owner decides the customer; otherwise the first identity claims a new one.
    /// The other identities are then claimed for that customer unless someone else owns them already
    /// (joining two known customers is a merge, which needs evidence, not a guess).
    /// </summary>
    private async Task<Guid> ResolveCustomerAsync(InboundMessage message)
    {
        Guid? owner = null;
        foreach (var identity in message.From)
        {
            owner = await Identity(identity).GetCustomerAsync();
            if (owner is not null)
            {
                break;
            }
        }

        owner ??= await Identity(message.From[0]).ClaimAsync(Guid.NewGuid());
        var owned = new List<string>(message.From.Count);
        foreach (var identity in message.From)
        {
            if (await Identity(identity).ClaimAsync(owner.Value) == owner.Value)
            {
                owned.Add(identity.ToString());
            }
        }

        await grains.GetGrain<ICustomerGrain>(owner.Value).AttachAsync(owned, message.SenderName);
        return owner.Value;
    }

    private IIdentityGrain Identity(ChannelIdentity identity) => grains.GetGrain<IIdentityGrain>(identity.ToString());
}
