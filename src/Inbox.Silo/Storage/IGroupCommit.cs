using System.Data.Common;

namespace Inbox.Silo.Storage;

/// <summary>A store's one writer seen through ADO.NET's base types, so that stores written once serve every provider.</summary>
public interface IGroupCommit
{
    /// <summary>Runs <paramref name="work"/> in the next group commit; completes only after that transaction has committed durably.</summary>
    Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> work, CancellationToken cancellationToken = default);
}
