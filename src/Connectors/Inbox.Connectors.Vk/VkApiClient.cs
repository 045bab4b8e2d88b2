using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Vk;

/// <summary>
/// A thin client for the VK API: form-urlencoded <c>POST {ApiBaseUrl}/method/&lt;name&gt;</c> with <c>access_token</c> and
/// <c>v=5.199</c>. Every call holds a slot of the token's request budget until VK has answered. Never throws for VK's answers or network
/// failures; the result says what happened.
/// </summary>
public sealed class VkApiClient(HttpClient http, IOptions<VkChannelOptions> options, VkRateLimiters limiters, ILogger<VkApiClient> logger)
{
    public const string ApiVersion = "5.199";

    public async Task<VkApiResult> CallAsync(string method, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var token = settings.AccessToken ?? "";

        var form = new List<KeyValuePair<string, string>>(parameters)
        {
            new("access_token", token),
            new("v", ApiVersion),
        };
        var url = $"{settings.ApiBaseUrl.TrimEnd('/')}/method/{method}";
        HttpResponseMessage response;
        try
        {
            using var content = new FormUrlEncodedContent(form);
            using var slot = await limiters.For(token).AcquireAsync(cancellationToken).ConfigureAwait(false);
            response = await http.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("VK API call {Method} did not complete: {Error}", method, ex.Message);
            return new VkApiResult.Unavailable($"VK could not be reached ({ex.GetType().Name}: {ex.Message})");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout)
            {
                logger.LogWarning("VK API call {Method} answered HTTP {Status}", method, status);
                return new VkApiResult.Unavailable($"VK answered HTTP {status}", RetryAfter(response));
            }

            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("VK API call {Method} answered HTTP {Status}", method, status);
                return new VkApiResult.Refused($"VK answered HTTP {status} to {method}");
            }

            byte[] body;
            try
            {
                body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                return new VkApiResult.Unavailable($"VK's answer was cut off ({ex.Message})");
            }

            var result = ReadBody(body);
            if (result is VkApiResult.ApiError error)
            {
                logger.LogWarning("VK API call {Method} failed with error {ErrorCode}: {ErrorMessage}", method, error.Code, error.Message);
            }

            return result;
        }
    }

    /// <summary>Reads <c>{"response":…}</c> or <c>{"error":{…}}</c>; anything else counts as a passing failure.</summary>
    public static VkApiResult ReadBody(ReadOnlyMemory<byte> body)
    {
        if (!VkJson.TryParseDocument(body, out var document))
        {
            return new VkApiResult.Unavailable("VK answered something that is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (VkJson.TryGetObject(root, "error", out var error))
            {
                var code = VkJson.GetInt64(error, "error_code") ?? 0;
                var message = VkJson.GetString(error, "error_msg") ?? "unknown error";
                return new VkApiResult.ApiError((int)Math.Clamp(code, int.MinValue, int.MaxValue), message);
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("response", out var value))
            {
                return new VkApiResult.Success(value.Clone());
            }

            return new VkApiResult.Unavailable("VK answered JSON with neither 'response' nor 'error'");
        }
    }

    public Task<VkApiResult> SendMessageAsync(long peerId, int randomId, string? text, string? attachment, CancellationToken cancellationToken) =>
        SendMessageAsync(peerId, randomId, text, attachment, null, cancellationToken);

    /// <param name="keyboard">The <c>keyboard</c> JSON (<see cref="VkKeyboards"/>), or null for none.</param>
    public Task<VkApiResult> SendMessageAsync(long peerId, int randomId, string? text, string? attachment, string? keyboard, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("peer_id", peerId.ToString(CultureInfo.InvariantCulture)),
            new("random_id", randomId.ToString(CultureInfo.InvariantCulture)),
        };
        if (!string.IsNullOrEmpty(text))
        {
            parameters.Add(new("message", text));
        }

        if (!string.IsNullOrEmpty(attachment))
        {
            parameters.Add(new("attachment", attachment));
        }

        if (!string.IsNullOrEmpty(keyboard))
        {
            parameters.Add(new("keyboard", keyboard));
        }

        return CallAsync("messages.send", parameters, cancellationToken);
    }

    public Task<VkApiResult> GetUsersAsync(IEnumerable<long> userIds, CancellationToken cancellationToken) =>
        CallAsync("users.get", [new("user_ids", string.Join(',', userIds.Select(id => id.ToString(CultureInfo.InvariantCulture))))], cancellationToken);

    public Task<VkApiResult> GetGroupsAsync(IEnumerable<long> groupIds, CancellationToken cancellationToken) =>
        CallAsync("groups.getById", [new("group_ids", string.Join(',', groupIds.Select(id => id.ToString(CultureInfo.InvariantCulture))))], cancellationToken);

    public Task<VkApiResult> GetLongPollServerAsync(long groupId, CancellationToken cancellationToken) =>
        CallAsync("groups.getLongPollServer", [new("group_id", groupId.ToString(CultureInfo.InvariantCulture))], cancellationToken);

    public Task<VkApiResult> GetCallbackConfirmationCodeAsync(long groupId, CancellationToken cancellationToken) =>
        CallAsync("groups.getCallbackConfirmationCode", [new("group_id", groupId.ToString(CultureInfo.InvariantCulture))], cancellationToken);

    public Task<VkApiResult> SendMessageEventAnswerAsync(string eventId, long userId, long peerId, CancellationToken cancellationToken) =>
        CallAsync("messages.sendMessageEventAnswer",
        [
            new("event_id", eventId),
            new("user_id", userId.ToString(CultureInfo.InvariantCulture)),
            new("peer_id", peerId.ToString(CultureInfo.InvariantCulture)),
        ], cancellationToken);

    public Task<VkApiResult> GetMessagesPhotoUploadServerAsync(long peerId, CancellationToken cancellationToken) =>
        CallAsync("photos.getMessagesUploadServer", [new("peer_id", peerId.ToString(CultureInfo.InvariantCulture))], cancellationToken);

    public Task<VkApiResult> SaveMessagesPhotoAsync(string photo, string server, string hash, CancellationToken cancellationToken) =>
        CallAsync("photos.saveMessagesPhoto", [new("photo", photo), new("server", server), new("hash", hash)], cancellationToken);

    public Task<VkApiResult> GetMessagesDocUploadServerAsync(long peerId, CancellationToken cancellationToken) =>
        CallAsync("docs.getMessagesUploadServer", [new("type", "doc"), new("peer_id", peerId.ToString(CultureInfo.InvariantCulture))], cancellationToken);

    public Task<VkApiResult> SaveDocAsync(string file, string title, CancellationToken cancellationToken) =>
        CallAsync("docs.save", [new("file", file), new("title", title)], cancellationToken);

    internal static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
