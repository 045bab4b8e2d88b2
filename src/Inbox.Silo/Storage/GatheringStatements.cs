using System.Data.Common;

namespace Inbox.Silo.Storage;

/// <summary>
/// The statements of a group's writes, gathered to be sent together (<see cref="GroupCommitWriter{TConnection, TTransaction}"/>):
/// each expectation is taken as met and checked once the statements ran (<see cref="StoreStatements"/>).
/// </summary>
public sealed class GatheringStatements : StoreStatements
{
    private readonly List<GatheredStatement> _statements = [];

    public IReadOnlyList<GatheredStatement> Statements => _statements;

    public override bool Expect(string sql, object parameters, int rows = 1)
    {
        _statements.Add(new GatheredStatement(sql, parameters, rows));
        return true;
    }

    public override void Execute(string sql, object parameters) => _statements.Add(new GatheredStatement(sql, parameters, -1));

    /// <summary>Throws <see cref="ReadInGatheredWriteException"/>: the writer then runs the write at once.</summary>
    public override List<T> Query<T>(string sql, object parameters, Func<DbDataReader, T> map) => throw new ReadInGatheredWriteException();

    /// <summary>Forgets the statements from <paramref name="count"/> on (those of a write that is to run at once instead).</summary>
    public void TruncateTo(int count) => _statements.RemoveRange(count, _statements.Count - count);

    public void Clear() => _statements.Clear();
}
