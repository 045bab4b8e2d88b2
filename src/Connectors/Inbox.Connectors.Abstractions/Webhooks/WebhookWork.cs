namespace Inbox.Connectors.Webhooks;

/// <summary>One attempt at a queued request.</summary>
/// <param name="Entry">The request as it was stored.</param>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="BestEffort">
/// Earlier attempts failed often enough (<see cref="WebhookIntakeOptions.BestEffortAfterAttempts"/>): store the message now with
/// what can be had (a note for a file that cannot be fetched, no sender name) instead of failing the attempt for it.
/// </param>
public sealed record WebhookWork(QueuedWebhook Entry, int Attempt, bool BestEffort);
