using Inbox.Identity;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Silo.Tests;

/// <summary>Run against each provider's stores by a subclass, in that provider's cluster.</summary>
public abstract class IdentityAndCustomerGrainTests(ClusterFixture fixture)
{
    private IIdentityOwners Owners => fixture.SiloServices.GetRequiredService<IIdentityOwners>();

    [Fact]
    public async Task An_identity_is_claimed_once_and_keeps_its_owner()
    {
        var identity = ChannelIdentity.Parse($"phone:+7916{Random.Shared.Next(1000000, 9999999)}");
        var first = Guid.NewGuid();

        Assert.Null(await Owners.FindAsync(identity));
        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Owners.ClaimAsync(identity, i == 0 ? first : Guid.NewGuid())));

        var owner = Assert.Single(claims.Distinct());
        Assert.Equal(owner, await Owners.FindAsync(identity));
        Assert.Equal(owner, await Owners.ClaimAsync(identity, Guid.NewGuid()));
    }

    [Fact]
    public async Task An_identity_moves_only_from_its_owner()
    {
        var identity = ChannelIdentity.Parse($"email:{Guid.NewGuid():N}@example.com");
        var (owner, other, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Owners.ClaimAsync(identity, owner);

        Assert.False(await Owners.ReassignAsync(identity, other, third));
        Assert.Equal(owner, await Owners.FindAsync(identity));
        Assert.True(await Owners.ReassignAsync(identity, owner, other));
        Assert.Equal(other, await Owners.FindAsync(identity));
        Assert.False(await Owners.ReassignAsync(ChannelIdentity.Parse($"email:{Guid.NewGuid():N}@example.com"), owner, other));
    }

    [Fact]
    public async Task Many_first_messages_at_once_from_a_new_customer_all_attach_it_once()
    {
        var id = Guid.NewGuid();
        var phone = ChannelIdentity.Parse($"phone:+7916{Random.Shared.Next(1000000, 9999999)}");

        var cards = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => fixture.Grains.GetGrain<ICustomerGrain>(id).AttachAsync([phone], "Ivan Petrov")));

        Assert.All(cards, c => Assert.Equal([phone], c.Identities));
        Assert.Equal([phone], (await fixture.Grains.GetGrain<ICustomerGrain>(id).GetAsync())!.Identities);
    }

    [Fact]
    public async Task A_customer_collects_identities_and_is_searchable()
    {
        var id = Guid.NewGuid();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);
        var phone = $"phone:+7916{Random.Shared.Next(1000000, 9999999)}";

        Assert.Null(await customer.GetAsync());
        var api = ChannelIdentity.Parse("api:x1");
        await customer.AttachAsync([api], "Ivan Petrov");
        var card = await customer.AttachAsync([api, ChannelIdentity.Parse(phone)], "Another Name");

        Assert.Equal("Ivan Petrov", card.Name);
        Assert.Equal(["api:x1", phone], card.Identities.Select(i => i.ToString()));
        var directory = fixture.SiloServices.GetRequiredService<ICustomerDirectory>();
        Assert.Equal(id, Assert.Single(await directory.SearchAsync(phone, null, 10)).CustomerId);
    }

    [Fact]
    public async Task A_customer_whose_directory_write_failed_is_searchable_once_the_message_is_delivered_again()
    {
        var id = Guid.NewGuid();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);
        var phone = ChannelIdentity.Parse($"phone:+7916{Random.Shared.Next(1000000, 9999999)}");
        var directory = fixture.SiloServices.GetRequiredService<ICustomerDirectory>();

        fixture.SiloServices.GetRequiredService<FaultyCustomerDirectory>().FailNextWriteOf(id);
        await Assert.ThrowsAnyAsync<Exception>(() => customer.AttachAsync([phone], "Ivan Petrov"));
        Assert.Empty(await directory.SearchAsync(phone.ToString(), null, 10));

        // The message delivered again: the customer has the identity and the directory finds them by it.
        var card = await customer.AttachAsync([phone], "Ivan Petrov");
        Assert.Equal([phone.ToString()], card.Identities.Select(i => i.ToString()));
        Assert.Equal(id, Assert.Single(await directory.SearchAsync(phone.ToString(), null, 10)).CustomerId);
        Assert.Equal("Ivan Petrov", (await customer.GetAsync())!.Name);
    }

    [Fact]
    public async Task A_customer_made_by_its_first_message_has_its_card_and_is_searchable()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var phone = ChannelIdentity.Parse($"phone:+7916{Random.Shared.Next(1000000, 9999999)}");

        var id = await FirstMessageAsync(new CustomerLookup("sms", [phone], "  Anna Smirnova "));

        var directory = fixture.SiloServices.GetRequiredService<ICustomerDirectory>();
        var found = Assert.Single(await directory.SearchAsync(phone.ToString(), null, 10));
        Assert.Equal(id, found.CustomerId);
        Assert.Equal("Anna Smirnova", found.Name);
        var card = await fixture.Grains.GetGrain<ICustomerGrain>(id).GetAsync();
        Assert.NotNull(card);
        Assert.Equal("Anna Smirnova", card.Name);
        Assert.Equal([phone], card.Identities);
        Assert.InRange(card.CreatedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));

        // Her next message is hers, and a new identity she shares is added to what she had.
        Assert.Equal(id, await FirstMessageAsync(new CustomerLookup("sms", [phone], "Anna")));
        var email = ChannelIdentity.Parse($"email:anna{Random.Shared.Next(1000000, 9999999)}@example.com");
        var later = await fixture.Grains.GetGrain<ICustomerGrain>(id).AttachAsync([email], "Someone Else");
        Assert.Equal("Anna Smirnova", later.Name);
        Assert.Equal([phone, email], later.Identities);
        Assert.Equal(card.CreatedAt, later.CreatedAt);
        Assert.Equal(id, Assert.Single(await directory.SearchAsync(email.ToString(), null, 10)).CustomerId);
    }

    [Fact]
    public async Task A_first_message_that_was_not_stored_leaves_no_owner_and_its_redelivery_makes_the_customer()
    {
        var phone = ChannelIdentity.Parse($"phone:+7916{Random.Shared.Next(1000000, 9999999)}");
        var resolver = fixture.SiloServices.GetRequiredService<ICustomerResolver>();
        var directory = fixture.SiloServices.GetRequiredService<ICustomerDirectory>();

        // The sender was resolved (a new customer, whose claim rides with the message), then storing the message failed.
        var lost = await resolver.ResolveAsync(new CustomerLookup("sms", [phone], "Pavel"), CancellationToken.None);
        Assert.True(lost.ClaimsSender);
        Assert.Null(await Owners.FindAsync(phone));
        Assert.Empty(await directory.SearchAsync(phone.ToString(), null, 10));

        // The provider delivers it again.
        var id = await FirstMessageAsync(new CustomerLookup("sms", [phone], "Pavel"));
        Assert.Equal(id, await Owners.FindAsync(phone));
        var found = Assert.Single(await directory.SearchAsync(phone.ToString(), null, 10));
        Assert.Equal((id, "Pavel"), (found.CustomerId, found.Name));
        Assert.Equal([phone], (await fixture.Grains.GetGrain<ICustomerGrain>(id).GetAsync())!.Identities);
        Assert.False((await resolver.ResolveAsync(new CustomerLookup("sms", [phone], "Pavel"), CancellationToken.None)).ClaimsSender);
    }

    [Fact]
    public async Task Many_first_messages_at_once_from_a_new_sender_make_one_listed_customer_with_every_message()
    {
        var phone = ChannelIdentity.Parse($"phone:+7916{Random.Shared.Next(1000000, 9999999)}");

        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => FirstMessageAsync(new CustomerLookup("sms", [phone], "Irina"))));

        var id = Assert.Single(ids.Distinct());
        Assert.Equal(id, await Owners.FindAsync(phone));
        var directory = fixture.SiloServices.GetRequiredService<ICustomerDirectory>();
        var found = Assert.Single(await directory.SearchAsync(phone.ToString(), null, 10));
        Assert.Equal((id, "Irina"), (found.CustomerId, found.Name));
        Assert.Equal([phone.ToString()], found.Identities);
        var card = (await fixture.Grains.GetGrain<ICustomerGrain>(id).GetAsync())!;
        Assert.Equal("Irina", card.Name);
        Assert.Equal([phone], card.Identities);
        var timeline = await fixture.SiloServices.GetRequiredService<IConversationQueries>().GetTimelineAsync(id, null, 50);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), timeline.Messages.Select(m => m.Sequence).Order());
    }

    [Fact]
    public async Task A_customer_made_by_its_first_message_can_be_merged_into_another()
    {
        var phone = ChannelIdentity.Parse($"phone:+7916{Random.Shared.Next(1000000, 9999999)}");
        var telegram = ChannelIdentity.Parse($"telegram:{Random.Shared.Next(1000000, 9999999)}");
        var first = await FirstMessageAsync(new CustomerLookup("sms", [phone], "Oleg"));
        var second = await FirstMessageAsync(new CustomerLookup("telegram", [telegram], "Oleg T"));

        var survivor = await fixture.Grains.GetGrain<ICustomerGrain>(second).MergeAsync(first);

        Assert.Equal([telegram, phone], survivor.Identities);
        Assert.Equal(second, await Owners.FindAsync(phone));
        Assert.Equal(second, (await fixture.Grains.GetGrain<ICustomerGrain>(first).GetAsync())!.MergedInto);
    }

    /// <summary>
    /// What the inbound pipeline does with a message: the sender is resolved, then the customer's conversation stores it (with
    /// the claim of a new sender's identity; if another message claimed it first, the sender is resolved again).
    /// </summary>
    [Fact]
    public async Task A_known_customer_this_node_forgot_is_found_again_and_still_gets_a_name_or_a_missing_directory_row()
    {
        var known = fixture.SiloServices.GetRequiredService<Customers.KnownSenders>();
        var directory = fixture.SiloServices.GetRequiredService<ICustomerDirectory>();
        var phone = ChannelIdentity.Parse($"phone:+7916{Random.Shared.Next(1000000, 9999999)}");

        // First without a name; the node forgets its senders (as after a merge elsewhere, or a minute later).
        var id = await FirstMessageAsync(new CustomerLookup("sms", [phone], null));
        known.Forget();
        Assert.Equal(id, await FirstMessageAsync(new CustomerLookup("sms", [phone], null)));
        Assert.Null((await directory.GetAsync(id))!.Name);

        // Forgotten again, then a message that names her: the name is kept.
        known.Forget();
        Assert.Equal(id, await FirstMessageAsync(new CustomerLookup("sms", [phone], "Olga Ivanova")));
        Assert.Equal("Olga Ivanova", (await directory.GetAsync(id))!.Name);
        Assert.Equal("Olga Ivanova", (await fixture.Grains.GetGrain<ICustomerGrain>(id).GetAsync())!.Name);

        // An identity claimed for a customer whose directory row was never written (a stop between the two): her next
        // message lists her.
        var email = ChannelIdentity.Parse($"email:olga{Random.Shared.Next(1000000, 9999999)}@example.com");
        var claimed = Guid.NewGuid();
        await Owners.ClaimAsync(email, claimed);
        Assert.Equal(claimed, await FirstMessageAsync(new CustomerLookup("email", [email], null)));
        Assert.Equal(claimed, Assert.Single(await directory.SearchAsync(email.ToString(), null, 10)).CustomerId);
    }

    private async Task<Guid> FirstMessageAsync(CustomerLookup lookup)
    {
        var resolver = fixture.SiloServices.GetRequiredService<ICustomerResolver>();
        var message = new IncomingMessage(lookup.Channel, $"m-{Guid.NewGuid():N}", lookup.From[0].ToString(), lookup.SenderName, "Hello", DateTimeOffset.UtcNow);
        var sender = await resolver.ResolveAsync(lookup, CancellationToken.None);
        try
        {
            await fixture.Grains.GetGrain<IConversationGrain>(sender.CustomerId).ReceiveAsync(message with { ClaimsSender = sender.ClaimsSender });
        }
        catch (IdentityClaimedException)
        {
            Assert.Null(await fixture.Grains.GetGrain<IConversationGrain>(sender.CustomerId).GetAsync()); // nothing of it was stored
            sender = await resolver.ResolveAsync(lookup, CancellationToken.None);
            Assert.False(sender.ClaimsSender);
            await fixture.Grains.GetGrain<IConversationGrain>(sender.CustomerId).ReceiveAsync(message);
        }

        resolver.Claimed(lookup, sender);
        return sender.CustomerId;
    }
}
