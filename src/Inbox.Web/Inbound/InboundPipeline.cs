using Inbox.Connectors;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Storage;

namespace Inbox.Web.Inbound;

/// <summary>
/// The one path of every inbound message: identity resolution finds (or makes) the customer, then the customer's
/// conversation grain orders and stores the message. Completes only when the message is durable.
/// </summary>
public sealed class InboundPipeline(IGrainFactory grains, IConversationStore store, IAttachmentStore attachments, ICursorStore cursors,
    OrderContacts orderContacts, ILogger<InboundPipeline> logger) : IInboundPipeline
{
    public async Task<InboundAcceptance> AcceptAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        if (message.From.Count == 0)
        {
            throw new ArgumentException("An inbound message needs at least one sender identity.", nameof(message));
        }

        // A retried delivery is answered from the store at once: no identity work, no second copy of its files.
        if (await store.FindByExternalIdAsync(message.Channel, message.ExternalId, MessageKind.Inbound, cancellationToken) is { } stored)
        {
            if (message.Checkpoint is { } checkpoint)
            {
                await cursors.SetAsync(ConnectorCursorStore.StoreKey(checkpoint.Key), checkpoint.Value, cancellationToken);
            }

            return new InboundAcceptance(stored.ConversationId, stored.ConversationId, stored.MessageId, stored.Sequence, Duplicate: true);
        }

        var customerId = await ResolveCustomerAsync(message, cancellationToken);
        var files = new List<AttachmentInfo>();
        foreach (var attachment in message.Attachments ?? [])
        {
            using var content = new MemoryStream(attachment.Content, writable: false);
            files.Add(await attachments.SaveAsync(attachment.FileName, attachment.ContentType, content, cancellationToken));
        }

        var incoming = new IncomingMessage(message.Channel, message.ExternalId, message.From[0].ToString(), message.SenderName, message.Text, message.SentAt,
            files.Count == 0 ? null : files, message.Metadata, message.IsAutomated,
            message.Checkpoint is null ? null : ConnectorCursorStore.StoreKey(message.Checkpoint.Key), message.Checkpoint?.Value);
        var result = await grains.GetGrain<IConversationGrain>(customerId).ReceiveAsync(incoming);
        logger.LogDebug("Inbound {Channel} message {ExternalId} from {Identity} stored as {MessageId} (sequence {Sequence}, duplicate {Duplicate})",
            message.Channel, message.ExternalId, incoming.FromIdentity, result.Message.MessageId, result.Message.Sequence, result.Duplicate);
        return new InboundAcceptance(result.Message.ConversationId, customerId, result.Message.MessageId, result.Message.Sequence, result.Duplicate);
    }

    public async Task<bool> EditAsync(InboundEdit edit, CancellationToken cancellationToken)
    {
        var stored = await store.FindByExternalIdAsync(edit.Channel, edit.ExternalId, MessageKind.Inbound, cancellationToken);
        return stored is not null
            && await grains.GetGrain<IConversationGrain>(stored.ConversationId).EditInboundAsync(edit.Channel, edit.ExternalId, edit.NewText, edit.EditedAt);
    }

    /// <summary>
    /// The first identity that already has an owner decides the customer; otherwise the first identity claims a new one.
    /// The other identities are then claimed for that customer; one that another customer owns is verified evidence that
    /// both are one person, and the two are merged.
    /// </summary>
    private async Task<Guid> ResolveCustomerAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        Guid? owner = null;
        ChannelIdentity? ownerFoundBy = null;
        foreach (var identity in message.From)
        {
            owner = await Identity(identity).GetCustomerAsync();
            if (owner is not null)
            {
                ownerFoundBy = identity;
                break;
            }
        }

        // A new address answering one of our messages (a reply from another mailbox) joins the thread's customer;
        // a new address that an order names together with a known one joins that customer.
        owner ??= await ThreadOwnerAsync(message, cancellationToken);
        owner ??= await orderContacts.FindOwnerAsync(message.From[0], cancellationToken);
        owner ??= await Identity(message.From[0]).ClaimAsync(Guid.NewGuid());
        var owned = new List<string>(message.From.Count);
        foreach (var identity in message.From)
        {
            // The identity that named the owner needs no claim: it is the owner's already.
            var current = identity == ownerFoundBy ? owner.Value : await Identity(identity).ClaimAsync(owner.Value);
            if (current == owner.Value)
            {
                owned.Add(identity.ToString());
                continue;
            }

            // Connectors put only verified identities in From (a Telegram contact that is the sender's own, the API channel's
            // customer): the same person under two customers, so they are merged, the sender's customer surviving.
            try
            {
                await grains.GetGrain<ICustomerGrain>(owner.Value).MergeAsync(current);
                logger.LogInformation("Customer {MergedCustomer} merged into {CustomerId} on verified {Identity}", current, owner, identity.ToString());
            }
            catch (ConversationException ex)
            {
                logger.LogWarning("Customers {CustomerId} and {OtherCustomer} share {Identity} but were not merged: {Reason}", owner, current, identity.ToString(), ex.Message);
            }
        }

        await grains.GetGrain<ICustomerGrain>(owner.Value).AttachAsync(owned, message.SenderName);
        return owner.Value;
    }

    private async Task<Guid?> ThreadOwnerAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        foreach (var providerId in message.InReplyTo ?? [])
        {
            if (await store.FindByExternalIdAsync(message.Channel, providerId, MessageKind.Outbound, cancellationToken) is { } ours)
            {
                return await OwnerOfConversationAsync(ours.ConversationId);
            }
        }

        return message.ConversationHint is { } hint ? await OwnerOfConversationAsync(hint) : null;
    }

    /// <summary>The customer whose timeline holds the conversation now (following merges).</summary>
    private async Task<Guid?> OwnerOfConversationAsync(Guid conversationId)
    {
        var snapshot = await grains.GetGrain<IConversationGrain>(conversationId).GetAsync();
        return snapshot switch
        {
            null => null,
            { MergedInto: { } survivor } => survivor,
            _ => snapshot.CustomerId,
        };
    }

    private IIdentityGrain Identity(ChannelIdentity identity) => grains.GetGrain<IIdentityGrain>(identity.ToString());
}
