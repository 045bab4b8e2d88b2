using System.Data.Common;

namespace Inbox.Silo.Storage;

/// <summary>What a store written once for both providers needs of one: connections for reads, the writer, and how values are written.</summary>
public sealed record StoreConnections(Func<CancellationToken, ValueTask<DbConnection>> OpenAsync, IGroupCommit Writer, StoreValues Values);
