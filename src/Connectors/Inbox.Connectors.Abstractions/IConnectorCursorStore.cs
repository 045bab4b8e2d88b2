namespace Inbox.Connectors;

/// <summary>
/// Durable small values a connector keeps between restarts: a polling offset (Telegram getUpdates), a long-poll ts
/// (VK), an IMAP UID. Store a cursor only after the messages before it are accepted by the pipeline.
/// </summary>
public interface IConnectorCursorStore
{
    Task<string?> GetAsync(string key, CancellationToken cancellationToken);

    Task SetAsync(string key, string value, CancellationToken cancellationToken);
}
