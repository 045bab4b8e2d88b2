using System.Globalization;
using System.Text.Json;

namespace Inbox.Connectors.Telephony;

/// <summary>Lenient reads of provider JSON: a field may be a string or a number, missing, or of another type (then absent).</summary>
internal static class JsonFields
{
    public static string? Text(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    public static long? Integer(JsonElement parent, string name) =>
        long.TryParse(Text(parent, name)?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;

    public static JsonElement Object(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : default;

    /// <summary>A Unix time in seconds, when it is one (a non-numeric or absurd value is absent).</summary>
    public static DateTimeOffset? UnixTime(JsonElement parent, string name) =>
        Integer(parent, name) is { } seconds && seconds > 0 && seconds < 253_402_300_799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
