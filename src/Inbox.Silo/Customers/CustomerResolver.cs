using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Storage;
using Inbox.Identity;
using Microsoft.Extensions.Logging;

namespace Inbox.Silo.Customers;

/// <summary>
/// Identity resolution: the first identity that already has an owner decides the customer; otherwise the thread the
/// message answers, or an order that names the new address next to a known one; otherwise the first identity claims a new
/// customer. The other identities are then claimed for that customer; one that another customer owns is verified evidence
/// that both are one person, and the two are merged. One <see cref="IIdentityGrain"/> per identity makes two first
/// messages at once still one customer.
/// </summary>
public sealed class CustomerResolver(IGrainFactory grains, IConversationStore store, ICustomerDirectory directory, OrderContacts orderContacts,
    KnownSenders known, ILogger<CustomerResolver> logger)
    : ICustomerResolver
{
    public async Task<Guid> ResolveAsync(CustomerLookup lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        if (lookup.From.Count == 0)
        {
            throw new ArgumentException("A message needs at least one sender identity.", nameof(lookup));
        }

        // A known customer writing again from the one identity it is known by: nothing to ask.
        var named = !string.IsNullOrWhiteSpace(lookup.SenderName);
        if (lookup.From.Count == 1 && known.Find(lookup.From[0].ToString(), named) is { } knownOwner)
        {
            return knownOwner;
        }

        var epoch = known.Epoch;
        Guid? owner = null;
        ChannelIdentity? ownerFoundBy = null;
        foreach (var identity in lookup.From)
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
        owner ??= await ThreadOwnerAsync(lookup, cancellationToken);
        owner ??= await orderContacts.FindOwnerAsync(lookup.From[0], cancellationToken);
        var made = false;
        if (owner is null)
        {
            // The claim answers with the owner, ours or one that won a race for this identity: either way it names it.
            var newCustomer = StoreIds.New();
            owner = await Identity(lookup.From[0]).ClaimAsync(newCustomer);
            ownerFoundBy = lookup.From[0];
            made = owner == newCustomer;
        }

        var owned = new List<ChannelIdentity>(lookup.From.Count);
        foreach (var identity in lookup.From)
        {
            // The identity that named the owner needs no claim: it is the owner's already.
            var current = identity == ownerFoundBy ? owner.Value : await Identity(identity).ClaimAsync(owner.Value);
            if (current == owner.Value)
            {
                owned.Add(identity);
                continue;
            }

            // Connectors put only verified identities in From (a Telegram contact that is the sender's own, the API channel's
            // customer): the same person under two customers, so they are merged, the sender's customer surviving.
            try
            {
                await grains.Reference<ICustomerGrain>(owner.Value).MergeAsync(current);
                logger.LogInformation("Customer {MergedCustomer} merged into {CustomerId} on verified {Identity}", current, owner, identity.ToString());
            }
            catch (ConversationException ex)
            {
                logger.LogWarning("Customers {CustomerId} and {OtherCustomer} share {Identity} but were not merged: {Reason}", owner, current, identity.ToString(), ex.Message);
            }
        }

        if (made && owned.Count == lookup.From.Count)
        {
            // A customer this message made, with all its identities: its directory row is all it needs, and its grain reads
            // the row when first asked for (no grain starts and leaves for each new customer). With one identity the row is
            // written with the message (its conversation's first commit lists the customer); with more, here. A message from
            // one of these identities that races this one attaches them through the grain, which writes its own row.
            if (lookup.From.Count > 1)
            {
                var row = CustomerSummary.FromMessage(owner.Value, lookup.SenderName, owned.Select(i => i.ToString()));
                await directory.UpsertAsync(row.CustomerId, row.Name, row.Identities, cancellationToken);
            }
        }
        else
        {
            await grains.Reference<ICustomerGrain>(owner.Value).AttachAsync(owned, lookup.SenderName);
        }

        if (lookup.From.Count == 1 && owned.Count == 1)
        {
            known.Learn(owned[0].ToString(), owner.Value, named, epoch);
        }

        return owner.Value;
    }

    private async Task<Guid?> ThreadOwnerAsync(CustomerLookup lookup, CancellationToken cancellationToken)
    {
        foreach (var providerId in lookup.InReplyTo ?? [])
        {
            if (await store.FindByExternalIdAsync(lookup.Channel, providerId, MessageKind.Outbound, cancellationToken) is { } ours)
            {
                return await OwnerOfConversationAsync(ours.ConversationId);
            }
        }

        return lookup.ConversationHint is { } hint ? await OwnerOfConversationAsync(hint) : null;
    }

    /// <summary>The customer whose timeline holds the conversation now (following merges).</summary>
    private async Task<Guid?> OwnerOfConversationAsync(Guid conversationId)
    {
        var snapshot = await grains.Reference<IConversationGrain>(conversationId).GetAsync();
        return snapshot switch
        {
            null => null,
            { MergedInto: { } survivor } => survivor,
            _ => snapshot.CustomerId,
        };
    }

    private IIdentityGrain Identity(ChannelIdentity identity) => grains.GetIdentityGrain(identity);
}
