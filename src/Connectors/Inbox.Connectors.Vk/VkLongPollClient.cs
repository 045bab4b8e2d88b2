using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Inbox.Connectors.Vk;

/// <summary><c>GET {server}?act=a_check&amp;key=…&amp;ts=…&amp;wait=…</c> against a Bots Long Poll server. Its HttpClient waits longer than <c>wait</c>.</summary>
public sealed class VkLongPollClient(HttpClient http, ILogger<VkLongPollClient> logger)
{
    public static Uri CheckUri(VkLongPollServer server, string ts, int waitSeconds)
    {
        var address = server.Server.Contains("://", StringComparison.Ordinal) ? server.Server : "https://" + server.Server;
        var separator = address.Contains('?') ? '&' : '?';
        return new Uri(string.Create(CultureInfo.InvariantCulture,
            $"{address}{separator}act=a_check&key={Uri.EscapeDataString(server.Key)}&ts={Uri.EscapeDataString(ts)}&wait={waitSeconds}"));
    }

    public async Task<VkLongPollAnswer> CheckAsync(VkLongPollServer server, string ts, int waitSeconds, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            using var response = await http.GetAsync(CheckUri(server, ts, waitSeconds), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new VkLongPollAnswer.Unavailable($"the long poll server answered HTTP {(int)response.StatusCode}");
            }

            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("VK long poll request failed: {Error}", ex.Message);
            return new VkLongPollAnswer.Unavailable($"the long poll request failed ({ex.GetType().Name})");
        }

        return Read(body);
    }

    /// <summary>Reads an a_check answer; <c>ts</c> is a number in failed answers and a string otherwise, so both are read.</summary>
    public static VkLongPollAnswer Read(ReadOnlyMemory<byte> body)
    {
        if (!VkJson.TryParseDocument(body, out var document))
        {
            return new VkLongPollAnswer.Unavailable("the long poll server answered something that is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new VkLongPollAnswer.Unavailable("the long poll answer is not a JSON object");
            }

            if (VkJson.GetInt64(root, "failed") is { } failed)
            {
                return new VkLongPollAnswer.Failed((int)Math.Clamp(failed, int.MinValue, int.MaxValue), VkJson.GetScalar(root, "ts"));
            }

            var ts = VkJson.GetScalar(root, "ts");
            if (string.IsNullOrEmpty(ts))
            {
                return new VkLongPollAnswer.Unavailable("the long poll answer has no ts");
            }

            var events = VkJson.TryGetArray(root, "updates", out var updates)
                ? updates.EnumerateArray().Select(update => update.Clone()).ToList()
                : [];
            return new VkLongPollAnswer.Updates(ts, events);
        }
    }
}
