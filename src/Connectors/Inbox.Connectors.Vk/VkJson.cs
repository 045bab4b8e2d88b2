using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Inbox.Connectors.Vk;

/// <summary>Lenient readers for VK's JSON, where a number sometimes arrives as a string (long poll <c>ts</c>) and fields may be missing.</summary>
public static class VkJson
{
    /// <summary>VK nests forwarded messages deeply; the body is capped at 1 MB, so a generous depth is safe.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 512 };

    public static bool TryGetInt64(JsonElement element, string property, out long value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var item) && TryReadInt64(item, out value);
    }

    public static bool TryReadInt64(JsonElement item, out long value)
    {
        value = 0;
        return item.ValueKind switch
        {
            JsonValueKind.Number => item.TryGetInt64(out value),
            JsonValueKind.String => long.TryParse(item.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    public static long? GetInt64(JsonElement element, string property) => TryGetInt64(element, property, out var value) ? value : null;

    public static string? GetString(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var item) && item.ValueKind == JsonValueKind.String
            ? item.GetString()
            : null;

    /// <summary>A string, or a number written as a string (for fields such as <c>ts</c> that VK types both ways).</summary>
    public static string? GetScalar(JsonElement element, string property)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var item))
        {
            return null;
        }

        return item.ValueKind switch
        {
            JsonValueKind.String => item.GetString(),
            JsonValueKind.Number => item.GetRawText(),
            _ => null,
        };
    }

    public static bool TryGetObject(JsonElement element, string property, out JsonElement value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out value) && value.ValueKind == JsonValueKind.Object;
    }

    public static bool TryGetArray(JsonElement element, string property, out JsonElement value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out value) && value.ValueKind == JsonValueKind.Array;
    }

    public static bool TryParseDocument(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out JsonDocument? document)
    {
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
            return true;
        }
        catch (JsonException)
        {
            document = null;
            return false;
        }
    }
}
