using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Inbox.Connectors.Vk;

/// <summary>
/// "First Last" for users (users.get with the default name case) and the community name for negative ids
/// (groups.getById), cached in <see cref="VkNameCache"/>. A name that cannot be had is null: the message is still taken; unless
/// the caller can try again later (not <c>bestEffort</c>) and VK failed for a passing reason: then <see cref="VkUnavailableException"/>.
/// </summary>
public sealed class VkSenderNames(VkApiClient api, VkNameCache cache, ILogger<VkSenderNames> logger)
{
    private const int BatchSize = 100;

    public async Task<string?> GetAsync(long vkId, bool bestEffort, CancellationToken cancellationToken)
    {
        await LoadAsync([vkId], bestEffort, cancellationToken).ConfigureAwait(false);
        return cache.TryGet(vkId, out var name) ? name : null;
    }

    /// <summary>Fetches the names not cached yet, in as few calls as possible (a long poll batch asks once for all its senders).</summary>
    public async Task LoadAsync(IEnumerable<long> vkIds, bool bestEffort, CancellationToken cancellationToken)
    {
        var missing = vkIds.Where(id => id != 0).Distinct().Where(id => !cache.TryGet(id, out _)).ToList();
        foreach (var batch in missing.Where(id => id > 0).Chunk(BatchSize))
        {
            await LoadUsersAsync(batch, bestEffort, cancellationToken).ConfigureAwait(false);
        }

        foreach (var batch in missing.Where(id => id < 0).Select(id => -id).Chunk(BatchSize))
        {
            await LoadGroupsAsync(batch, bestEffort, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task LoadUsersAsync(long[] userIds, bool bestEffort, CancellationToken cancellationToken)
    {
        var result = await api.GetUsersAsync(userIds, cancellationToken).ConfigureAwait(false);
        ThrowIfPassing(result, bestEffort, "users.get");
        if (result is not VkApiResult.Success { Response.ValueKind: JsonValueKind.Array } success)
        {
            logger.LogInformation("Sender names for {Count} VK users are unavailable: {Result}", userIds.Length, Describe(result));
            return;
        }

        foreach (var user in success.Response.EnumerateArray())
        {
            if (VkJson.GetInt64(user, "id") is not { } id || !userIds.Contains(id))
            {
                continue;
            }

            var name = $"{VkJson.GetString(user, "first_name")} {VkJson.GetString(user, "last_name")}".Trim();
            if (name.Length > 0)
            {
                cache.Set(id, name);
            }
        }
    }

    private async Task LoadGroupsAsync(long[] groupIds, bool bestEffort, CancellationToken cancellationToken)
    {
        var result = await api.GetGroupsAsync(groupIds, cancellationToken).ConfigureAwait(false);
        ThrowIfPassing(result, bestEffort, "groups.getById");
        if (result is not VkApiResult.Success success)
        {
            logger.LogInformation("Names of {Count} VK communities are unavailable: {Result}", groupIds.Length, Describe(result));
            return;
        }

        // Since 5.139 the answer is {"groups":[…],"profiles":[…]}; before, a plain array.
        var groups = success.Response.ValueKind == JsonValueKind.Array
            ? success.Response
            : VkJson.TryGetArray(success.Response, "groups", out var list) ? list : default;
        if (groups.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var group in groups.EnumerateArray())
        {
            if (VkJson.GetInt64(group, "id") is { } id && groupIds.Contains(id) && VkJson.GetString(group, "name") is { Length: > 0 } name)
            {
                cache.Set(-id, name);
            }
        }
    }

    /// <summary>VK is down, slow or busy (HTTP 5xx, a timeout, errors 1, 6, 10): worth trying again unless <paramref name="bestEffort"/>.</summary>
    private static void ThrowIfPassing(VkApiResult result, bool bestEffort, string method)
    {
        var passing = result is VkApiResult.Unavailable
            or VkApiResult.ApiError { Code: VkErrorCodes.Unknown or VkErrorCodes.TooManyRequestsPerSecond or VkErrorCodes.InternalServerError };
        if (passing && !bestEffort)
        {
            throw new VkUnavailableException($"{method} failed for now: {Describe(result)}");
        }
    }

    private static string Describe(VkApiResult result) => result switch
    {
        VkApiResult.ApiError error => $"error {error.Code}: {error.Message}",
        VkApiResult.Unavailable unavailable => unavailable.Reason,
        VkApiResult.Refused refused => refused.Reason,
        _ => "an unexpected answer",
    };
}
