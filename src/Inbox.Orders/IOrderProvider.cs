namespace Inbox.Orders;

/// <summary>The order system the bot reads. Implementations: <see cref="Orders.FileOrderProvider"/> and <see cref="Orders.RetailCrm.RetailCrmOrderProvider"/>.</summary>
public interface IOrderProvider
{
    /// <summary>Orders whose number is <paramref name="number"/> (case and Latin/Cyrillic look-alike letters ignored). Empty when none.</summary>
    /// <exception cref="OrderProviderException">The order system failed or refused the request.</exception>
    Task<IReadOnlyList<Order>> FindByNumberAsync(string number, CancellationToken ct);

    /// <summary>Orders of the customer with this phone (E.164) or email. Callers must still check each order's contacts.</summary>
    /// <exception cref="OrderProviderException">The order system failed or refused the request.</exception>
    Task<IReadOnlyList<Order>> FindByCustomerAsync(string? phoneE164, string? email, CancellationToken ct);
}
