using System.Data.Common;

namespace Inbox.Silo.Storage;

/// <summary>A store's one writer seen through ADO.NET's base types, so that stores written once serve every provider.</summary>
public interface IGroupCommit
{
    /// <summary>Runs <paramref name="work"/> in the next group commit; completes only after that transaction has committed durably.</summary>
    Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> work, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="work"/>'s statements in the next group commit, where the provider can, sent together with the
    /// statements of the group's other such writes (<see cref="StoreStatements"/>); completes only after that transaction
    /// has committed durably. The work must be safe to run twice, and its answer must follow from its statements' expectations.
    /// </summary>
    Task<T> WriteStatementsAsync<T>(Func<StoreStatements, T> work, CancellationToken cancellationToken = default);
}
