using Inbox.Domain.Operators;

namespace Inbox.Domain.Storage;

public interface IOperatorStore
{
    Task<OperatorAccount?> FindByLoginAsync(string login, CancellationToken cancellationToken = default);

    Task<OperatorAccount?> GetAsync(Guid operatorId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OperatorAccount>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds an account; false when the login is taken.</summary>
    Task<bool> TryAddAsync(OperatorAccount account, CancellationToken cancellationToken = default);

    /// <summary>Disables or enables an account; false when there is no such operator.</summary>
    Task<bool> SetDisabledAsync(Guid operatorId, bool disabled, CancellationToken cancellationToken = default);

    /// <summary>Sets how many conversations the operator takes at once; false when there is no such operator.</summary>
    Task<bool> SetCapacityAsync(Guid operatorId, int capacity, CancellationToken cancellationToken = default);

    /// <summary>Marks an account as one of the demo accounts.</summary>
    Task MarkDemoAsync(Guid operatorId, CancellationToken cancellationToken = default);

    /// <summary>Whether the operator wrote on, or was assigned, any conversation (then the account is kept, disabled, rather than deleted).</summary>
    Task<bool> HasHistoryAsync(Guid operatorId, CancellationToken cancellationToken = default);

    /// <summary>Deletes an account; false when there is no such operator.</summary>
    Task<bool> DeleteAsync(Guid operatorId, CancellationToken cancellationToken = default);
}
