using Inbox.Identity;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Silo.Tests;

/// <summary>Run against each provider's stores by a subclass, in that provider's cluster.</summary>
public abstract class IdentityAndCustomerGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_identity_is_claimed_once_and_keeps_its_owner()
    {
        var identity = fixture.Grains.GetGrain<IIdentityGrain>($"phone:+7916{Random.Shared.Next(1000000, 9999999)}");
        var first = Guid.NewGuid();

        Assert.Null(await identity.GetCustomerAsync());
        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => identity.ClaimAsync(i == 0 ? first : Guid.NewGuid())));

        Assert.Single(claims.Distinct());
        Assert.Equal(claims[0], await identity.GetCustomerAsync());
    }

    [Fact]
    public async Task Many_messages_at_once_from_an_identity_with_an_owner_all_learn_the_owner()
    {
        var key = $"phone:+7916{Random.Shared.Next(1000000, 9999999)}";
        var owner = Guid.NewGuid();
        await fixture.Grains.GetGrain<IIdentityGrain>(key).ClaimAsync(owner);

        var asked = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => fixture.Grains.GetGrain<IIdentityGrain>(key).GetCustomerAsync()));

        Assert.All(asked, a => Assert.Equal(owner, a));
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
    public async Task A_claimed_identity_is_stored_and_survives_deactivation()
    {
        var key = $"email:{Guid.NewGuid():N}@example.com";
        var owner = Guid.NewGuid();
        await fixture.Grains.GetGrain<IIdentityGrain>(key).ClaimAsync(owner);

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(owner, await fixture.Grains.GetGrain<IIdentityGrain>(key).GetCustomerAsync());
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
    public async Task A_customer_whose_first_message_was_not_stored_is_listed_when_it_is_delivered_again()
    {
        var phone = ChannelIdentity.Parse($"phone:+7916{Random.Shared.Next(1000000, 9999999)}");
        var resolver = fixture.SiloServices.GetRequiredService<ICustomerResolver>();
        var directory = fixture.SiloServices.GetRequiredService<ICustomerDirectory>();

        // The sender was resolved (a new customer), then storing the message failed: the provider delivers it again.
        var id = await resolver.ResolveAsync(new CustomerLookup("sms", [phone], "Pavel"), CancellationToken.None);
        Assert.Empty(await directory.SearchAsync(phone.ToString(), null, 10));

        Assert.Equal(id, await FirstMessageAsync(new CustomerLookup("sms", [phone], "Pavel")));
        var found = Assert.Single(await directory.SearchAsync(phone.ToString(), null, 10));
        Assert.Equal((id, "Pavel"), (found.CustomerId, found.Name));
        Assert.Equal([phone], (await fixture.Grains.GetGrain<ICustomerGrain>(id).GetAsync())!.Identities);
    }

    [Fact]
    public async Task Many_first_messages_at_once_from_a_new_sender_make_one_listed_customer()
    {
        var phone = ChannelIdentity.Parse($"phone:+7916{Random.Shared.Next(1000000, 9999999)}");

        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => FirstMessageAsync(new CustomerLookup("sms", [phone], "Irina"))));

        var id = Assert.Single(ids.Distinct());
        var directory = fixture.SiloServices.GetRequiredService<ICustomerDirectory>();
        var found = Assert.Single(await directory.SearchAsync(phone.ToString(), null, 10));
        Assert.Equal((id, "Irina"), (found.CustomerId, found.Name));
        Assert.Equal([phone.ToString()], found.Identities);
        var card = (await fixture.Grains.GetGrain<ICustomerGrain>(id).GetAsync())!;
        Assert.Equal("Irina", card.Name);
        Assert.Equal([phone], card.Identities);
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
        Assert.Equal(second, await fixture.Grains.GetGrain<IIdentityGrain>(phone.ToString()).GetCustomerAsync());
        Assert.Equal(second, (await fixture.Grains.GetGrain<ICustomerGrain>(first).GetAsync())!.MergedInto);
    }

    /// <summary>What the inbound pipeline does with a message: the sender is resolved, then the customer's conversation stores it.</summary>
    private async Task<Guid> FirstMessageAsync(CustomerLookup lookup)
    {
        var id = await fixture.SiloServices.GetRequiredService<ICustomerResolver>().ResolveAsync(lookup, CancellationToken.None);
        await fixture.Grains.GetGrain<IConversationGrain>(id).ReceiveAsync(
            new IncomingMessage(lookup.Channel, $"m-{Guid.NewGuid():N}", lookup.From[0].ToString(), lookup.SenderName, "Hello", DateTimeOffset.UtcNow));
        return id;
    }
}
