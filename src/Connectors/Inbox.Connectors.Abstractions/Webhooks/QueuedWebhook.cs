namespace Inbox.Connectors.Webhooks;

/// <summary>
/// One authentic provider request kept durably before the provider was answered, until it has been processed.
/// </summary>
/// <param name="Id">Arrival order: a higher id arrived later.</param>
/// <param name="Source">The connector that handles it (<see cref="IWebhookHandler"/> keyed by this name).</param>
/// <param name="Partition">Entries of one partition (a sender, a chat) are processed one after another in arrival order.</param>
/// <param name="Payload">The request as the connector needs it again (the raw JSON update, the signed form parameters).</param>
/// <param name="ReceivedAt">When it was taken.</param>
/// <param name="Attempts">Failed processing attempts so far.</param>
/// <param name="LastError">Why the last attempt failed.</param>
/// <param name="Dead">Failed <see cref="WebhookIntakeOptions.MaxAttempts"/> times: kept for an admin, no longer tried.</param>
public sealed record QueuedWebhook(
    long Id,
    string Source,
    string Partition,
    string Payload,
    DateTimeOffset ReceivedAt,
    int Attempts = 0,
    string? LastError = null,
    bool Dead = false);
