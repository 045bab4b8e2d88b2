using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Exceptions;
using Inbox.Connectors.Leases;

namespace Inbox.Connectors.Telegram;

/// <summary>
/// Polling mode: long-polls <c>getUpdates</c> from the stored offset, hands each update to <see cref="TelegramUpdateHandler"/>
/// (which completes only when its effect is stored), and only then stores the new offset (the highest handled
/// <c>update_id</c> + 1) in <see cref="IConnectorCursorStore"/>. Telegram forgets an update once it is asked with a higher
/// offset, so an update is confirmed only after it is stored; after a crash the unconfirmed ones come again and the
/// pipeline recognises those already stored.
/// </summary>
/// <remarks>
/// Failures never stop the service: a 409 (a webhook is set for the bot, or another instance polls), network errors,
/// 5xx and a failing store are logged and retried after a pause that doubles from <see cref="TelegramChannelOptions.PollErrorDelay"/>
/// up to <see cref="TelegramChannelOptions.PollErrorMaxDelay"/>. An update that fails to be handled is retried the same way,
/// and the updates after it wait (nothing is skipped). An update that is not valid JSON is logged and skipped. A batch whose
/// update ids are all below the stored offset means Telegram restarted its numbering: those updates are handled and the
/// offset moves to the highest of them + 1.
/// </remarks>
public sealed class TelegramPollingService(
    TelegramBotClientFactory clients,
    TelegramUpdateHandler handler,
    IConnectorCursorStore cursors,
    TimeProvider clock,
    IOptions<TelegramChannelOptions> options,
    [FromKeyedServices(ChannelNames.Telegram)] ConnectorHealth health,
    ILogger<TelegramPollingService> logger,
    ClusterSingleton? singleton = null) : BackgroundService
{
    /// <summary>The update types we ask for (<c>allowed_updates</c>).</summary>
    public static readonly IReadOnlyList<string> AllowedUpdates = ["message", "edited_message", "callback_query", "my_chat_member"];

    /// <summary>The cursor key of a bot's offset: offsets belong to one bot.</summary>
    public static string OffsetKey(long botId) => string.Create(CultureInfo.InvariantCulture, $"telegram:bot{botId}:update-offset");

    /// <summary>The lease of a bot's polling: one node of the cluster polls it at a time.</summary>
    public static string LeaseName(long botId) => string.Create(CultureInfo.InvariantCulture, $"telegram:bot{botId}:polling");

    /// <summary>Polls on the node that holds the bot's lease (<see cref="ClusterSingleton"/>); without one, here.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        singleton is null ? PollAsync(stoppingToken) : singleton.RunAsync(LeaseName(clients.BotId), PollAsync, stoppingToken);

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var key = OffsetKey(clients.BotId);
        var client = clients.CreateForPolling();
        long? offset = null;
        var offsetLoaded = false;
        var delay = settings.PollErrorDelay;
        logger.LogInformation("Telegram polling started (getUpdates, timeout {PollTimeoutSeconds} s)", settings.PollTimeoutSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!offsetLoaded)
                {
                    offset = ParseOffset(await cursors.GetAsync(key, stoppingToken));
                    offsetLoaded = true;
                    logger.LogInformation("Telegram polling continues from offset {Offset}", offset);
                }

                var request = new GetRawUpdatesRequest
                {
                    Offset = offset,
                    Limit = Math.Clamp(settings.PollLimit, 1, 100),
                    Timeout = Math.Clamp(settings.PollTimeoutSeconds, 0, 50),
                    AllowedUpdates = AllowedUpdates,
                };
                var batch = await client.SendRequest(request, stoppingToken);
                offset = await HandleBatchAsync(batch, offset, key, stoppingToken);
                health.Succeeded();
                delay = settings.PollErrorDelay;
                continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 409)
            {
                health.Failed("getUpdates conflict (409): a webhook is set for this bot or another instance is polling");
                logger.LogWarning("Telegram getUpdates conflict (409: {Problem}): a webhook is set for this bot or another instance is polling. " +
                    "Delete the webhook (deleteWebhook) or set Channels:Telegram:Mode to Webhook. Retrying in {Delay}", ex.Message, delay);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429 && ex.Parameters?.RetryAfter is > 0)
            {
                health.Failed("getUpdates rate-limited (429)");
                var after = TimeSpan.FromSeconds(ex.Parameters.RetryAfter.Value);
                delay = after > delay ? after : delay;
                logger.LogWarning("Telegram getUpdates rate-limited (429); retrying in {Delay}", delay);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode is 401 or 404)
            {
                health.Failed($"Telegram refuses the bot token ({ex.ErrorCode}): check Channels:Telegram:BotToken");
                logger.LogError("Telegram refuses the bot token ({ErrorCode} {Problem}): check Channels:Telegram:BotToken. Retrying in {Delay}", ex.ErrorCode, ex.Message, delay);
            }
            catch (Exception ex)
            {
                health.Failed($"polling round failed: {ex.GetType().Name}");
                logger.LogWarning(ex, "Telegram polling round failed; retrying in {Delay}", delay);
            }

            try
            {
                await Task.Delay(delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var doubled = delay * 2;
            delay = doubled > settings.PollErrorMaxDelay ? settings.PollErrorMaxDelay : doubled;
        }

        logger.LogInformation("Telegram polling stopped at offset {Offset}", offset);
    }

    /// <summary>Handles the updates in <c>update_id</c> order and stores the offset after the last one handled; returns that offset.</summary>
    private async Task<long?> HandleBatchAsync(JsonElement[] batch, long? offset, string key, CancellationToken cancellationToken)
    {
        if (batch.Length == 0)
        {
            return offset;
        }

        var usable = batch
            .Select(element => (Id: TelegramUpdateParser.ReadUpdateId(element), Element: element))
            .Where(u => u.Id is not null)
            .OrderBy(u => u.Id)
            .ToList();
        var updates = usable.Where(u => offset is null || u.Id >= offset).ToList();
        if (updates.Count == 0 && usable.Count > 0)
        {
            // Telegram returned only updates below our offset: it has restarted its numbering (after a week without
            // updates the next update_id is random). They are new: handle them and move the offset past them, or the
            // same batch comes back at once, forever.
            logger.LogWarning("Telegram returned only update ids below the stored offset {Offset} ({First}..{Last}): Telegram restarted its numbering; " +
                "handling them and continuing from {Next}", offset, usable[0].Id, usable[^1].Id, usable[^1].Id + 1);
            updates = usable;
        }

        long? handledUpTo = null;
        ExceptionDispatchInfo? failure = null;
        foreach (var (id, element) in updates)
        {
            if (TelegramUpdateParser.TryParse(element, out var update, out var problem))
            {
                try
                {
                    await handler.HandleAsync(update, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning("Telegram update {UpdateId} could not be handled yet; it is tried again: {Problem}", id, ex.Message);
                    failure = ExceptionDispatchInfo.Capture(ex);
                    break;
                }
            }
            else
            {
                logger.LogWarning("Telegram update {UpdateId} is not a valid update and is skipped: {Problem}", id, problem);
            }

            handledUpTo = id;
        }

        if (usable.Count < batch.Length)
        {
            logger.LogWarning("{Count} Telegram update(s) without a usable update_id were skipped", batch.Length - usable.Count);
        }

        var next = handledUpTo is { } last ? last + 1 : offset;
        if (next != offset && next is { } value)
        {
            await cursors.SetAsync(key, value.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        failure?.Throw();
        return next;
    }

    private long? ParseOffset(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return null;
        }

        if (long.TryParse(stored, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        logger.LogWarning("The stored Telegram offset {Offset} is not a number; polling starts from Telegram's oldest unconfirmed update", stored);
        return null;
    }
}
