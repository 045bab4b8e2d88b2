using Inbox.Domain.Storage;

namespace Inbox.Silo.Tests;

/// <summary>One provider's message store under test, on a store of its own, with its writer started.</summary>
public interface ITestStore : IAsyncDisposable
{
    IConversationStore Conversations { get; }

    IConversationQueries Queries { get; }

    IOutboxStore Outbox { get; }

    /// <summary>Transactions the store's writer committed so far.</summary>
    long TransactionsCommitted { get; }
}
