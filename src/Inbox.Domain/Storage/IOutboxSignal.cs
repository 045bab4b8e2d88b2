namespace Inbox.Domain.Storage;

/// <summary>Wakes the outbox dispatcher on this node when a reply is queued, so it need not wait for its next poll.</summary>
public interface IOutboxSignal
{
    void Notify();
}
