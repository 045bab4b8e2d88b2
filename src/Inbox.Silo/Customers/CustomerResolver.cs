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
/// that both are one person, and the two are merged. A claim is a conditional insert into the identity index
/// (<see cref="IIdentityOwners"/>), so two first messages at once still make one customer. A new customer known by one
/// identity has it claimed by its message's commit (<see cref="CustomerResolution.ClaimsSender"/>), not by a write before.
/// </summary>
public sealed class CustomerResolver(IGrainFactory grains, IIdentityOwners owners, IConversationStore store, ICustomerDirectory directory, OrderContacts orderContacts,
    KnownSenders known, ILogger<CustomerResolver> logger)
    : ICustomerResolver
{
    public async Task<CustomerResolution> ResolveAsync(CustomerLookup lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        if (lookup.From.Count == 0)
        {
            throw new ArgumentException("A message needs at least one sender identity.", nameof(lookup));
        }

        // A known customer writing again from the one identity it is known by: nothing to ask.
        var named = Named(lookup);
        if (lookup.From.Count == 1 && known.Find(lookup.From[0].ToString(), named) is { } knownOwner)
        {
            return new CustomerResolution(knownOwner);
        }

        var epoch = known.Epoch;
        Guid? owner = null;
        ChannelIdentity? ownerFoundBy = null;
        if (lookup.From.Count == 1)
        {
            // A known customer this node does not know (yet, or any more): the identity index and the directory in one read.
            // When the owner's row lists the identity, and has a name if the message names its sender, there is nothing to
            // attach, and the customer's grain is not started for it. (Customers mostly write less often than KnownSenders
            // keeps them: starting each one's grain again cost a state read per message, and made a burst of returning
            // customers a burst of grain starts.)
            var listed = await owners.FindListedAsync(lookup.From[0], cancellationToken);
            if (listed is { Listed: true } && (listed.Named || !named))
            {
                known.Learn(lookup.From[0].ToString(), listed.CustomerId, named, epoch);
                return new CustomerResolution(listed.CustomerId);
            }

            owner = listed?.CustomerId;
            ownerFoundBy = owner is null ? null : lookup.From[0];
        }
        else
        {
            foreach (var identity in lookup.From)
            {
                owner = await owners.FindAsync(identity, cancellationToken);
                if (owner is not null)
                {
                    ownerFoundBy = identity;
                    break;
                }
            }
        }

        // A new address answering one of our messages (a reply from another mailbox) joins the thread's customer;
        // a new address that an order names together with a known one joins that customer.
        owner ??= await ThreadOwnerAsync(lookup, cancellationToken);
        owner ??= await orderContacts.FindOwnerAsync(lookup.From[0], cancellationToken);
        var made = false;
        if (owner is null && lookup.From.Count == 1)
        {
            // A new customer known by one identity: its message's commit claims the identity and lists the customer.
            return new CustomerResolution(StoreIds.New(), ClaimsSender: true);
        }

        if (owner is null)
        {
            // The claim answers with the owner, ours or one that won a race for this identity: either way it names it.
            var newCustomer = StoreIds.New();
            owner = await owners.ClaimAsync(lookup.From[0], newCustomer, cancellationToken);
            ownerFoundBy = lookup.From[0];
            made = owner == newCustomer;
        }

        var owned = new List<ChannelIdentity>(lookup.From.Count);
        foreach (var identity in lookup.From)
        {
            // The identity that named the owner needs no claim: it is the owner's already.
            var current = identity == ownerFoundBy ? owner.Value : await owners.ClaimAsync(identity, owner.Value, cancellationToken);
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
            // the row when first asked for (no grain starts and leaves for each new customer). (With one identity, both the
            // claim and the row are written with the message, above.) A message from one of these identities that races this
            // one attaches them through the grain, which writes its own row.
            var row = CustomerSummary.FromMessage(owner.Value, lookup.SenderName, owned.Select(i => i.ToString()));
            await directory.UpsertAsync(row.CustomerId, row.Name, row.Identities, cancellationToken);
        }
        else
        {
            await grains.Reference<ICustomerGrain>(owner.Value).AttachAsync(owned, lookup.SenderName);
        }

        if (lookup.From.Count == 1 && owned.Count == 1)
        {
            known.Learn(owned[0].ToString(), owner.Value, named, epoch);
        }

        return new CustomerResolution(owner.Value);
    }

    /// <summary>
    /// The message of a new sender stored, with its claim: the node knows the sender from now on. The list's epoch is not
    /// checked: what a merge or an unmerge made this node forget cannot be this claim, of an identity nobody owned, for a
    /// customer nobody could name before it.
    /// </summary>
    public void Claimed(CustomerLookup lookup, CustomerResolution resolution)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(resolution);
        if (resolution.ClaimsSender && lookup.From.Count == 1)
        {
            known.Learn(lookup.From[0].ToString(), resolution.CustomerId, Named(lookup), known.Epoch);
        }
    }

    /// <summary>Whether the message names its sender (a customer known without a name is asked again, to attach the name).</summary>
    private static bool Named(CustomerLookup lookup) => !string.IsNullOrWhiteSpace(lookup.SenderName);

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
}
