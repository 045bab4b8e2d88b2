using System.Text;
using Microsoft.Extensions.Logging;
using Inbox.Connectors.Webhooks;

namespace Inbox.Connectors.Telegram;

/// <summary>
/// Handles an update the webhook kept in the <see cref="WebhookIntake"/>: files are fetched and the message stored here, after
/// Telegram has had its 200. A file Telegram cannot serve for now fails the attempt (tried again); from the best-effort attempt
/// on it becomes a note and the message is stored.
/// </summary>
public sealed class TelegramWebhookHandler(TelegramUpdateHandler handler, ILogger<TelegramWebhookHandler> logger) : IWebhookHandler
{
    public async Task HandleAsync(WebhookWork work, CancellationToken cancellationToken)
    {
        if (!TelegramUpdateParser.TryParse(Encoding.UTF8.GetBytes(work.Entry.Payload), out var update, out var problem))
        {
            logger.LogWarning("A queued Telegram update is not an update and is dropped: {Problem}", problem);
            return;
        }

        await handler.HandleAsync(update, work.BestEffort, cancellationToken).ConfigureAwait(false);
    }
}
