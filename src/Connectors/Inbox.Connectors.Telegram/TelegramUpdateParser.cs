using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Inbox.Connectors.Telegram;

/// <summary>
/// Reads one update from JSON with Telegram.Bot's serializer settings. Refuses what is not an update: invalid JSON,
/// <c>null</c>, wrong types, and an update without a positive <c>update_id</c> (the library reads a missing one as 0).
/// </summary>
public static class TelegramUpdateParser
{
    public static bool TryParse(ReadOnlySpan<byte> json, [NotNullWhen(true)] out Update? update, [NotNullWhen(false)] out string? problem)
    {
        update = null;
        try
        {
            update = JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            problem = $"not a JSON update ({ex.GetType().Name}: {ex.Message})";
            return false;
        }

        return Check(ref update, out problem);
    }

    public static bool TryParse(JsonElement element, [NotNullWhen(true)] out Update? update, [NotNullWhen(false)] out string? problem)
    {
        update = null;
        try
        {
            update = element.Deserialize<Update>(JsonBotAPI.Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            problem = $"not a JSON update ({ex.GetType().Name}: {ex.Message})";
            return false;
        }

        return Check(ref update, out problem);
    }

    /// <summary>The <c>update_id</c> of a raw update, even one that does not parse as a whole; null when there is none.</summary>
    public static long? ReadUpdateId(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("update_id", out var id))
        {
            return null;
        }

        return id.ValueKind switch
        {
            JsonValueKind.Number when id.TryGetInt64(out var number) && number > 0 => number,
            JsonValueKind.String when long.TryParse(id.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0 => number,
            _ => null,
        };
    }

    private static bool Check([NotNullWhen(true)] ref Update? update, [NotNullWhen(false)] out string? problem)
    {
        if (update is null)
        {
            problem = "the body is JSON null";
            return false;
        }

        if (update.Id <= 0)
        {
            update = null;
            problem = "the update has no update_id";
            return false;
        }

        problem = null;
        return true;
    }
}
