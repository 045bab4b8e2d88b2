namespace Inbox.Silo.Storage;

/// <summary>What the store's writer has done since it started (<see cref="GroupCommitWriter{TConnection, TTransaction}"/>), as <see cref="StoreWriterMetrics"/> publishes it.</summary>
public interface IStoreWriterCounts
{
    /// <summary>Transactions committed: one a group.</summary>
    long TransactionsCommitted { get; }

    /// <summary>Writes committed (or answered with their own failure) in those groups.</summary>
    long WritesCommitted { get; }

    /// <summary>Times gathered statements were sent together (PostgreSQL); zero where each statement runs at once.</summary>
    long StatementsSentTogether { get; }

    /// <summary>Groups rolled back and run again, each write at once in its own savepoint.</summary>
    long GroupsRunAgain { get; }
}
