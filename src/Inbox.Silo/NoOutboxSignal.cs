using Inbox.Domain.Storage;

namespace Inbox.Silo;

/// <summary>For a silo with no outbox dispatcher beside it: the dispatchers of the web nodes find new entries by polling.</summary>
public sealed class NoOutboxSignal : IOutboxSignal
{
    public void Notify()
    {
    }
}
