using Inbox.Identity;

namespace Inbox.Orders;

/// <summary>
/// The order system seen from a customer's identities: the orders their phones and emails name, which of those are
/// verifiably theirs, and the other addresses an order names next to theirs. The bot, the screen pop, the customer
/// card's link suggestions and customer resolution all ask here.
/// </summary>
public sealed class CustomerOrders(IOrderProvider orders, PhoneNumberNormalizer phones)
{
    /// <summary>The orders that name any of the phone or email identities, each once (other kinds are ignored).</summary>
    /// <exception cref="OrderProviderException">The order system failed or refused the request.</exception>
    public async Task<IReadOnlyList<Order>> FindAsync(IEnumerable<ChannelIdentity> identities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identities);
        var found = new List<Order>();
        foreach (var identity in identities.Distinct())
        {
            var matches = identity.Kind switch
            {
                IdentityKinds.Phone => await orders.FindByCustomerAsync(identity.Value, null, cancellationToken).ConfigureAwait(false),
                IdentityKinds.Email => await orders.FindByCustomerAsync(null, identity.Value, cancellationToken).ConfigureAwait(false),
                _ => [],
            };
            found.AddRange(matches.Where(o => !found.Any(f => OrderNumbers.AreSame(f.Number, o.Number))));
        }

        return found;
    }

    /// <summary>
    /// True when one of the verified identities is the order's phone or email: only then may the order's personal details
    /// be shown to the customer.
    /// </summary>
    public bool BelongsTo(Order order, IEnumerable<ChannelIdentity> verified)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(verified);
        var contacts = ContactsOf(order);
        return verified.Any(identity => contacts.Any(contact => contact.Kind == identity.Kind
            && string.Equals(contact.Value, identity.Value, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The phone (E.164) and email identities the order names; an unreadable contact is left out.</summary>
    public IReadOnlyList<ChannelIdentity> ContactsOf(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new[] { phones.ToIdentity(order.CustomerPhone), EmailAddressNormalizer.ToIdentity(order.CustomerEmail) }
            .OfType<ChannelIdentity>()
            .ToList();
    }
}
