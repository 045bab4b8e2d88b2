using Inbox.Domain.Operators;

namespace Inbox.Domain.Storage;

public interface IOperatorStore
{
    Task<OperatorAccount?> FindByLoginAsync(string login, CancellationToken cancellationToken = default);

    Task<OperatorAccount?> GetAsync(Guid operatorId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OperatorAccount>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds an account; false when the login is taken.</summary>
    Task<bool> TryAddAsync(OperatorAccount account, CancellationToken cancellationToken = default);
}
