namespace Inbox.Domain.Storage;

/// <summary>Wakes the outbox dispatchers of the cluster when a reply is queued, so they need not wait for their next poll.</summary>
public interface IOutboxSignal
{
    void Notify();
}
