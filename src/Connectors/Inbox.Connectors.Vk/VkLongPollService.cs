using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Inbox.Connectors.Leases;

namespace Inbox.Connectors.Vk;

/// <summary>
/// Bots Long Poll (<c>Channels:Vk:Mode = LongPoll</c>): groups.getLongPollServer, then a_check in a loop. The
/// <c>ts</c> is stored in <see cref="IConnectorCursorStore"/> only after every event of a batch is stored, and polling
/// resumes from the stored <c>ts</c> after a restart. <c>failed</c> 1: continue with the new ts; 2: new key, keep our
/// ts; 3: new key and ts (the events in between are lost, as VK says).
/// </summary>
public sealed class VkLongPollService(
    IServiceScopeFactory scopes,
    IConnectorCursorStore cursors,
    IOptions<VkChannelOptions> options,
    TimeProvider clock,
    [FromKeyedServices(ChannelNames.Vk)] ConnectorHealth health,
    ILogger<VkLongPollService> logger,
    ClusterSingleton? singleton = null) : BackgroundService
{
    public static string CursorKey(long groupId) => $"vk:{groupId}:longpoll-ts";

    /// <summary>The lease of a community's long poll: one node of the cluster polls it at a time.</summary>
    public static string LeaseName(long groupId) => $"vk:{groupId}:longpoll";

    /// <summary>Polls on the node that holds the community's lease (<see cref="ClusterSingleton"/>); without one, here.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        singleton is null ? PollAsync(stoppingToken) : singleton.RunAsync(LeaseName(options.Value.GroupId!.Value), PollAsync, stoppingToken);

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var groupId = settings.GroupId!.Value;
        var cursorKey = CursorKey(groupId);
        VkLongPollServer? server = null;
        string? ts = null;
        var cursorLoaded = false;
        logger.LogInformation("VK long poll starts for community {GroupId}", groupId);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!cursorLoaded)
                {
                    ts = await cursors.GetAsync(cursorKey, stoppingToken);
                    cursorLoaded = true;
                }

                using var scope = scopes.CreateScope();
                if (server is null)
                {
                    server = await GetServerAsync(scope.ServiceProvider.GetRequiredService<VkApiClient>(), groupId, stoppingToken);
                    if (server is null)
                    {
                        health.Failed("groups.getLongPollServer gave no server (is Bots Long Poll API on for the community?)");
                        await Task.Delay(settings.LongPollErrorDelay, clock, stoppingToken);
                        continue;
                    }

                    if (ts is null)
                    {
                        // First start, or after failed 3: begin at VK's current ts.
                        ts = server.Ts;
                        await cursors.SetAsync(cursorKey, ts, stoppingToken);
                    }
                }

                var poll = scope.ServiceProvider.GetRequiredService<VkLongPollClient>();
                var answer = await poll.CheckAsync(server, ts!, Math.Clamp(settings.LongPollWaitSeconds, 1, 90), stoppingToken);
                switch (answer)
                {
                    case VkLongPollAnswer.Updates updates:
                        await ProcessBatchAsync(scope.ServiceProvider.GetRequiredService<VkEventProcessor>(), updates.Events, groupId, stoppingToken);
                        if (updates.Ts != ts)
                        {
                            await cursors.SetAsync(cursorKey, updates.Ts, stoppingToken);
                            ts = updates.Ts;
                        }

                        health.Succeeded();
                        break;
                    case VkLongPollAnswer.Failed { Code: 1 } failed when !string.IsNullOrEmpty(failed.Ts):
                        logger.LogWarning("VK long poll history was lost (failed 1); continuing from ts {Ts}", failed.Ts);
                        ts = failed.Ts;
                        await cursors.SetAsync(cursorKey, ts, stoppingToken);
                        break;
                    case VkLongPollAnswer.Failed { Code: 2 }:
                        logger.LogInformation("VK long poll key expired (failed 2); getting a new key and keeping ts {Ts}", ts);
                        server = null;
                        break;
                    case VkLongPollAnswer.Failed { Code: 3 }:
                        logger.LogWarning("VK long poll information was lost (failed 3); taking a new key and ts, events since {Ts} are lost", ts);
                        server = null;
                        ts = null;
                        break;
                    case VkLongPollAnswer.Failed failed:
                        logger.LogWarning("VK long poll answered failed {Code}; getting a new key", failed.Code);
                        server = null;
                        break;
                    case VkLongPollAnswer.Unavailable unavailable:
                        logger.LogWarning("VK long poll round failed: {Reason}", unavailable.Reason);
                        health.Failed($"long poll round failed: {unavailable.Reason}");
                        await Task.Delay(settings.LongPollErrorDelay, clock, stoppingToken);
                        break;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The batch is not committed: the same ts is polled again and stored messages come back as duplicates.
                health.Failed($"a batch could not be stored: {ex.GetType().Name}");
                logger.LogError(ex, "A VK long poll batch could not be stored; it is fetched again from ts {Ts}", ts);
                try
                {
                    await Task.Delay(settings.LongPollErrorDelay, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ProcessBatchAsync(VkEventProcessor processor, IReadOnlyList<JsonElement> events, long groupId, CancellationToken cancellationToken)
    {
        var ours = events.Where(update => VkJson.GetInt64(update, "group_id") is null || VkJson.GetInt64(update, "group_id") == groupId).ToList();
        if (ours.Count == 0)
        {
            return;
        }

        await processor.PrefetchNamesAsync(ours, cancellationToken);
        foreach (var update in ours)
        {
            var result = await processor.ProcessAsync(update, bestEffort: true, cancellationToken);
            if (result.Outcome == VkEventOutcome.Invalid)
            {
                logger.LogWarning("A VK long poll event {EventId} was skipped: {Reason}", VkJson.GetString(update, "event_id"), result.Detail);
            }
        }
    }

    private async Task<VkLongPollServer?> GetServerAsync(VkApiClient api, long groupId, CancellationToken cancellationToken)
    {
        var result = await api.GetLongPollServerAsync(groupId, cancellationToken);
        switch (result)
        {
            case VkApiResult.Success success
                when VkJson.GetString(success.Response, "key") is { Length: > 0 } key
                     && VkJson.GetString(success.Response, "server") is { Length: > 0 } address
                     && VkJson.GetScalar(success.Response, "ts") is { Length: > 0 } ts:
                return new VkLongPollServer(key, address, ts);
            case VkApiResult.ApiError { Code: VkErrorCodes.AuthorizationFailed }:
                logger.LogCritical("VK long poll cannot start: the VK access token is invalid (Channels:Vk:AccessToken)");
                return null;
            case VkApiResult.ApiError error:
                logger.LogError("groups.getLongPollServer failed with VK error {ErrorCode}: {ErrorMessage} (is Bots Long Poll API enabled for the community?)",
                    error.Code, error.Message);
                return null;
            default:
                logger.LogWarning("groups.getLongPollServer gave no usable answer: {Result}", result.GetType().Name);
                return null;
        }
    }
}
