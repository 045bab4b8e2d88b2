using Inbox.Domain.Storage;
using Inbox.Identity;
using Inbox.Orders;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// The operators' search for customers, shared by <c>/api/v1/customers?q=</c> and the conversation list's <c>q</c>: a phone in
/// any usual writing, an email or a <c>kind:value</c> identity is looked up exactly, anything else as a part of the name; the
/// list's search also asks the order system for an order with that number and finds the customers its contacts belong to.
/// </summary>
public static class CustomerSearch
{
    public const int MaxQueryLength = 200;

    /// <summary>How long the list's search waits for the order system; without its answer the search finds what the store found.</summary>
    private static readonly TimeSpan OrderPatience = TimeSpan.FromSeconds(2);

    /// <summary>Why <paramref name="text"/> is no search (a 400), or null when it is one.</summary>
    public static string? Refusal(string text) =>
        // A NUL ends the text early for the database (so "%00" once matched every customer); no search needs a control character.
        text.Any(char.IsControl) || text.Length > MaxQueryLength
            ? $"A search is plain text of at most {MaxQueryLength} characters, without control characters."
            : null;

    /// <summary>The customers <paramref name="text"/> names by identity or by a part of the name; a malformed address finds nobody.</summary>
    public static async Task<IReadOnlyList<CustomerSummary>> FindAsync(string text, int max, ICustomerDirectory directory, PhoneNumberNormalizer phones)
    {
        var identity = AddressInput.Read(text, phones)?.ToString();
        if (identity is null && (text.Contains('@') || ChannelIdentity.TryParse(text, out _)))
        {
            return [];
        }

        return identity is not null
            ? await directory.SearchAsync(identity, null, max)
            : await directory.SearchAsync(null, text, max);
    }

    /// <summary>
    /// The customers of <see cref="FindAsync"/> and, for a text with a digit, those of the orders with that number (by the order's
    /// phone and email). The order system is a hint here: when it fails or is slow, the rest is still found.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> FindIdsAsync(string text, int max, ICustomerDirectory directory, PhoneNumberNormalizer phones,
        IOrderProvider orders, CustomerOrders contacts, ILogger logger, CancellationToken cancellationToken)
    {
        var found = (await FindAsync(text, max, directory, phones)).Select(c => c.CustomerId).ToList();
        if (!text.Any(char.IsAsciiDigit) || text.Contains('@'))
        {
            return found;
        }

        IReadOnlyList<Order> numbered;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(OrderPatience);
            numbered = await orders.FindByNumberAsync(text, timeout.Token);
        }
        catch (Exception ex) when (ex is OrderProviderException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The order system did not answer a search by order number");
            return found;
        }

        foreach (var identity in numbered.SelectMany(contacts.ContactsOf).Select(i => i.ToString()).Distinct(StringComparer.Ordinal))
        {
            found.AddRange((await directory.SearchAsync(identity, null, max)).Select(c => c.CustomerId));
        }

        return found.Distinct().Take(max).ToList();
    }
}
