using Inbox.Domain.Customers;
using Inbox.Identity;
using Inbox.Orders;
using Microsoft.Extensions.Logging;

namespace Inbox.Silo.Customers;

/// <summary>
/// Finds the customer a new address belongs to through the order system: an order names a phone and an email together,
/// so a first mail from an order's email joins the customer who already writes from that order's phone (and the other
/// way round). Used only for addresses nobody owns yet; it never merges two known customers.
/// </summary>
public sealed class OrderContacts(CustomerOrders orders, IIdentityOwners owners, ILogger<OrderContacts> logger)
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
            found = await orders.FindAsync([identity], timeout.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The order system is a hint here; a message is never held up or lost for it.
            logger.LogDebug(ex, "The order system did not answer for a new {Kind} address", identity.Kind);
            return null;
        }

        foreach (var other in found.SelectMany(orders.ContactsOf).Where(c => c.Kind != identity.Kind))
        {
            if (await owners.FindAsync(other, cancellationToken) is { } owner)
            {
                return owner;
            }
        }

        return null;
    }
}
