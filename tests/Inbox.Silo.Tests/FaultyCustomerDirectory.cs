using Inbox.Domain.Storage;

namespace Inbox.Silo.Tests;

/// <summary>
/// The silo's real customer directory, with a failure a test can ask for: the next write of one customer's row throws
/// (as a full disk would), and changes nothing.
/// </summary>
public sealed class FaultyCustomerDirectory(ICustomerDirectory stored) : ICustomerDirectory
{
    private readonly HashSet<Guid> _failNext = [];

    /// <summary>The provider's directory behind this one.</summary>
    public ICustomerDirectory Stored => stored;

    public void FailNextWriteOf(Guid customerId)
    {
        lock (_failNext)
        {
            _failNext.Add(customerId);
        }
    }

    public Task UpsertAsync(Guid customerId, string? name, IReadOnlyList<string> identities, CancellationToken cancellationToken = default)
    {
        lock (_failNext)
        {
            if (_failNext.Remove(customerId))
            {
                throw new IOException("The test made this write of the customer directory fail.");
            }
        }

        return stored.UpsertAsync(customerId, name, identities, cancellationToken);
    }

    public Task<CustomerSummary?> GetAsync(Guid customerId, CancellationToken cancellationToken = default) =>
        stored.GetAsync(customerId, cancellationToken);

    public Task<IReadOnlyList<CustomerSummary>> SearchAsync(string? identity, string? nameFragment, int limit, CancellationToken cancellationToken = default) =>
        stored.SearchAsync(identity, nameFragment, limit, cancellationToken);
}
