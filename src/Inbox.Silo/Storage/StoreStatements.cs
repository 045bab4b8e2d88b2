using System.Data.Common;

namespace Inbox.Silo.Storage;

/// <summary>
/// The statements of one write made with <see cref="IGroupCommit.WriteStatementsAsync{T}"/>, as the store's writer takes them:
/// run at once on its connection (<see cref="ImmediateStatements"/>), or gathered with the other writes of the group and sent
/// to the server together (<see cref="GatheringStatements"/>, PostgreSQL: one round trip for the group's statements).
/// A write says how many rows each statement it branches on is to change (<see cref="Expect"/>). Gathered, every expectation is
/// taken as met, and the writer checks them all once the statements ran: when one was not met, the group is rolled back and
/// each of its writes runs again at once, where the write's code sees the real count and takes its other branch.
/// A write's code must therefore be safe to run twice (it only reads and writes the store).
/// </summary>
public abstract class StoreStatements
{
    /// <summary>Runs a statement that is to change <paramref name="rows"/> rows; true when it did (gathered: taken as true, checked later).</summary>
    public abstract bool Expect(string sql, object parameters, int rows = 1);

    /// <summary>Runs a statement whatever number of rows it changes.</summary>
    public abstract void Execute(string sql, object parameters);

    /// <summary>Reads inside the write. A gathered write cannot read: the writer runs such a write at once instead.</summary>
    public abstract List<T> Query<T>(string sql, object parameters, Func<DbDataReader, T> map);
}
