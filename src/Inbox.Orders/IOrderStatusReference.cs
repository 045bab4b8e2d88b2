namespace Inbox.Orders;

/// <summary>Optional for an <see cref="IOrderProvider"/>: the names in the order system's status reference, used by guardrails.</summary>
public interface IOrderStatusReference
{
    /// <summary>Every status name the order system may show a customer.</summary>
    Task<IReadOnlyCollection<string>> GetStatusNamesAsync(CancellationToken ct);
}
