using Inbox.Identity;

namespace Inbox.Orders.Tests;

/// <summary>The order system from a customer's identities, over orders whose contacts are written as order systems write them.</summary>
public sealed class CustomerOrdersTests
{
    private static readonly PhoneNumberNormalizer Phones = new("RU");

    private static readonly FileOrderProvider Orders = FileOrderProvider.FromJson("""
        { "statuses": [ { "code": "new", "name": "Новый", "active": true } ],
          "orders": [
            { "number": "A-1", "status": "new", "phone": "8 (916) 123-45-67", "email": "Ivan@Example.com" },
            { "number": "A-2", "status": "new", "phone": "+7 916 123 45 67" },
            { "number": "B-1", "status": "new", "phone": "not a phone", "email": "olga@example.com" } ] }
        """, phones: Phones);

    private static readonly CustomerOrders Customer = new(Orders, Phones);

    private static readonly ChannelIdentity IvanPhone = new(IdentityKinds.Phone, "+79161234567");
    private static readonly ChannelIdentity IvanEmail = new(IdentityKinds.Email, "ivan@example.com");

    [Fact]
    public async Task Finds_each_order_once_across_a_customers_phone_and_email()
    {
        var found = await Customer.FindAsync([IvanPhone, IvanEmail, new ChannelIdentity(IdentityKinds.Telegram, "42")], CancellationToken.None);

        Assert.Equal(["A-1", "A-2"], found.Select(o => o.Number).Order());
    }

    [Fact]
    public async Task An_order_belongs_to_a_customer_whose_verified_phone_or_email_it_names_in_any_writing()
    {
        var a1 = Assert.Single(await Orders.FindByNumberAsync("A-1", CancellationToken.None));

        Assert.True(Customer.BelongsTo(a1, [IvanPhone]));
        Assert.True(Customer.BelongsTo(a1, [IvanEmail]));
        Assert.False(Customer.BelongsTo(a1, [new ChannelIdentity(IdentityKinds.Phone, "+79990000000")]));
        Assert.False(Customer.BelongsTo(a1, [new ChannelIdentity(IdentityKinds.Telegram, "79161234567")]));
        Assert.False(Customer.BelongsTo(a1, []));
    }

    [Fact]
    public async Task The_contacts_of_an_order_are_identities_and_an_unreadable_one_is_left_out()
    {
        var a1 = Assert.Single(await Orders.FindByNumberAsync("A-1", CancellationToken.None));
        var b1 = Assert.Single(await Orders.FindByNumberAsync("B-1", CancellationToken.None));

        Assert.Equal([IvanPhone, IvanEmail], Customer.ContactsOf(a1));
        Assert.Equal([new ChannelIdentity(IdentityKinds.Email, "olga@example.com")], Customer.ContactsOf(b1));
    }
}
