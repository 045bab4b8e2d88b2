using Inbox.Domain.Storage;

namespace Inbox.Silo.Tests;

/// <summary>One provider's stores under test, on a store of its own, with its writer started.</summary>
public abstract class TestStore : IAsyncDisposable
{
    public IConversationStore Conversations { get; protected init; } = null!;

    public IConversationQueries Queries { get; protected init; } = null!;

    public IOutboxStore Outbox { get; protected init; } = null!;

    public ICustomerDirectory Directory { get; protected init; } = null!;

    public Domain.Customers.IIdentityOwners IdentityOwners { get; protected init; } = null!;

    public IOperatorStore Operators { get; protected init; } = null!;

    public ISessionStore Sessions { get; protected init; } = null!;

    public ILoginLockoutStore Lockouts { get; protected init; } = null!;

    public ICursorStore Cursors { get; protected init; } = null!;

    public IWebhookQueueStore Webhooks { get; protected init; } = null!;

    public ICallLog Calls { get; protected init; } = null!;

    public IAttachmentStore Attachments { get; protected init; } = null!;

    public Domain.Routing.ITeamStore Teams { get; protected init; } = null!;

    public IReadMarkerStore ReadMarkers { get; protected init; } = null!;

    public Domain.Routing.IRoutingQueries Routing { get; protected init; } = null!;

    /// <summary>Transactions the store's writer committed so far.</summary>
    public abstract long TransactionsCommitted { get; }

    public abstract ValueTask DisposeAsync();
}
