using Inbox.Chatbot;
using Inbox.Connectors;
using Inbox.Domain.Customers;

namespace Inbox.Web.Inbound;

/// <summary>
/// Finds the customer a new address belongs to through the order system: an order names a phone and an email together,
/// so a first mail from an order's email joins the customer who already writes from that order's phone (and the other
/// way round). Used only for addresses nobody owns yet; it never merges two known customers.
/// </summary>
public sealed class OrderContacts(IOrderProvider orders, IGrainFactory grains, PhoneNumberNormalizer phones, ILogger<OrderContacts> logger)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    public async Task<Guid?> FindOwnerAsync(ChannelIdentity identity, CancellationToken cancellationToken)
    {
        if (identity.Kind is not (IdentityKinds.Email or IdentityKinds.Phone))
        {
            return null;
        }

        IReadOnlyList<Order> found;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Patience);
            found = identity.Kind == IdentityKinds.Email
                ? await orders.FindByCustomerAsync(null, identity.Value, timeout.Token)
                : await orders.FindByCustomerAsync(identity.Value, null, timeout.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The order system is a hint here; a message is never held up or lost for it.
            logger.LogDebug(ex, "The order system did not answer for a new {Kind} address", identity.Kind);
            return null;
        }

        foreach (var order in found)
        {
            var other = identity.Kind == IdentityKinds.Email
                ? phones.ToIdentity(order.CustomerPhone)
                : order.CustomerEmail is { Length: > 0 } email ? new ChannelIdentity(IdentityKinds.Email, email.Trim().ToLowerInvariant()) : null;
            if (other is not null && await grains.GetGrain<IIdentityGrain>(other.ToString()).GetCustomerAsync() is { } owner)
            {
                return owner;
            }
        }

        return null;
    }
}
