using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Inbox.Connectors.Vk;

/// <summary>
/// Reads a VK message object: the text, then a line per attachment ("[sticker]", "[document: price.pdf]"), then
/// forwarded messages quoted with "&gt;" down to <see cref="MaxForwardDepth"/> levels. Photos of the message itself are
/// listed for download (the size with the largest width × height); photos inside forwarded messages are only described.
/// </summary>
public static class VkMessageReader
{
    public const int MaxForwardDepth = 3;
    public const int MaxForwardedMessages = 30;
    private const long ChatPeerOffset = 2_000_000_000;

    // VK's size letters from small to large, for old photos whose sizes carry no width/height.
    private static readonly string[] SizeTypesSmallToLarge = ["s", "m", "o", "p", "q", "r", "x", "y", "z", "w"];

    public static bool TryRead(JsonElement message, [NotNullWhen(true)] out VkIncomingMessage? result)
    {
        result = null;
        if (message.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var peerId = VkJson.GetInt64(message, "peer_id");
        var fromId = VkJson.GetInt64(message, "from_id") ?? VkJson.GetInt64(message, "user_id");
        if (fromId is null && peerId is > 0 and < ChatPeerOffset)
        {
            fromId = peerId;
        }

        peerId ??= fromId;
        if (peerId is null or 0 || fromId is null or 0)
        {
            return false;
        }

        var lines = new List<string>();
        var photos = new List<VkPhotoReference>();
        var text = VkJson.GetString(message, "text") ?? VkJson.GetString(message, "body");
        if (!string.IsNullOrWhiteSpace(text))
        {
            lines.Add(text);
        }

        DescribeAttachments(message, "", lines, photos);
        var budget = MaxForwardedMessages;
        DescribeForwards(message, 1, lines, ref budget);

        result = new VkIncomingMessage(
            peerId.Value,
            fromId.Value,
            VkJson.GetInt64(message, "conversation_message_id"),
            VkJson.GetInt64(message, "id"),
            VkJson.GetInt64(message, "date"),
            VkJson.GetInt64(message, "update_time"),
            VkJson.GetInt64(message, "out") == 1,
            string.Join('\n', lines),
            photos);
        return true;
    }

    /// <summary>The largest size (width × height; by size letter when VK gives no dimensions), or null when no size has a URL.</summary>
    public static VkPhotoReference? LargestSize(JsonElement photo)
    {
        if (!VkJson.TryGetArray(photo, "sizes", out var sizes))
        {
            return null;
        }

        VkPhotoReference? best = null;
        var bestArea = -1L;
        var bestRank = -1;
        foreach (var size in sizes.EnumerateArray())
        {
            var url = VkJson.GetString(size, "url") ?? VkJson.GetString(size, "src");
            if (string.IsNullOrEmpty(url))
            {
                continue;
            }

            var width = (int)Math.Clamp(VkJson.GetInt64(size, "width") ?? 0, 0, int.MaxValue);
            var height = (int)Math.Clamp(VkJson.GetInt64(size, "height") ?? 0, 0, int.MaxValue);
            var area = (long)width * height;
            var rank = Array.IndexOf(SizeTypesSmallToLarge, VkJson.GetString(size, "type") ?? "");
            if (area > bestArea || (area == bestArea && rank > bestRank))
            {
                best = new VkPhotoReference(url, width, height, PhotoId(photo));
                bestArea = area;
                bestRank = rank;
            }
        }

        return best;
    }

    private static string? PhotoId(JsonElement photo)
    {
        var owner = VkJson.GetInt64(photo, "owner_id");
        var id = VkJson.GetInt64(photo, "id");
        if (owner is null || id is null)
        {
            return null;
        }

        var key = VkJson.GetString(photo, "access_key");
        return string.IsNullOrEmpty(key) ? $"photo{owner}_{id}" : $"photo{owner}_{id}_{key}";
    }

    private static void DescribeAttachments(JsonElement message, string prefix, List<string> lines, List<VkPhotoReference>? photos)
    {
        if (VkJson.TryGetArray(message, "attachments", out var attachments))
        {
            foreach (var attachment in attachments.EnumerateArray())
            {
                var type = VkJson.GetString(attachment, "type");
                if (type == "photo" && photos is not null && VkJson.TryGetObject(attachment, "photo", out var photo) && LargestSize(photo) is { } largest)
                {
                    photos.Add(largest);
                    continue;
                }

                lines.Add(prefix + Describe(type, attachment));
            }
        }

        if (VkJson.TryGetObject(message, "geo", out _))
        {
            lines.Add(prefix + "[location]");
        }
    }

    private static string Describe(string? type, JsonElement attachment)
    {
        var body = type is null ? default : (VkJson.TryGetObject(attachment, type, out var inner) ? inner : default);
        return type switch
        {
            "photo" => "[photo]",
            "sticker" => "[sticker]",
            "video" => "[video]",
            "audio" => "[audio]",
            "audio_message" => "[voice message]",
            "doc" => VkJson.GetString(body, "title") is { Length: > 0 } title ? $"[document: {Cap(title, 200)}]" : "[document]",
            "link" => VkJson.GetString(body, "url") is { Length: > 0 } url ? $"[link: {Cap(url, 500)}]" : "[link]",
            "wall" => "[wall post]",
            "wall_reply" => "[wall comment]",
            "poll" => "[poll]",
            "graffiti" => "[graffiti]",
            "call" => "[call]",
            "story" => "[story]",
            "market" => "[product]",
            "market_album" => "[product collection]",
            "gift" => "[gift]",
            null or "" => "[attachment]",
            _ => $"[{Cap(type, 40)}]",
        };
    }

    private static void DescribeForwards(JsonElement message, int depth, List<string> lines, ref int budget)
    {
        if (!VkJson.TryGetArray(message, "fwd_messages", out var forwards) || forwards.GetArrayLength() == 0)
        {
            return;
        }

        var prefix = new string('>', Math.Min(depth, MaxForwardDepth + 1)) + " ";
        if (depth > MaxForwardDepth)
        {
            lines.Add(prefix + "[more forwarded messages not shown]");
            return;
        }

        foreach (var forwarded in forwards.EnumerateArray())
        {
            if (budget <= 0)
            {
                lines.Add(prefix + "[more forwarded messages not shown]");
                return;
            }

            budget--;
            var text = VkJson.GetString(forwarded, "text");
            var author = VkJson.GetInt64(forwarded, "from_id");
            var header = author is null ? "[forwarded]" : $"[forwarded from vk:{author}]";
            lines.Add(string.IsNullOrWhiteSpace(text) ? prefix + header : $"{prefix}{header} {text.Replace("\n", "\n" + prefix, StringComparison.Ordinal)}");
            DescribeAttachments(forwarded, prefix, lines, photos: null);
            DescribeForwards(forwarded, depth + 1, lines, ref budget);
        }
    }

    private static string Cap(string value, int length) => value.Length <= length ? value : value[..length] + "…";
}
