using System.Text;
using System.Text.Json;

namespace Inbox.Connectors.Vk;

/// <summary>
/// A reply's choices as a VK inline keyboard (the <c>keyboard</c> parameter of messages.send, a JSON string): one row of
/// text buttons, <c>{"action":{"type":"text","label":…,"payload":"{\"command\":…}"},"color":"secondary"}</c>. A text
/// button works on every VK client (callback buttons need the client to support them): a press sends the customer's own
/// message whose text is the label (a digit for a rating), with the payload beside it.
/// </summary>
public static class VkKeyboards
{
    /// <summary>VK's limits: a label up to 40 characters, a payload up to 255, an inline row up to 5 buttons.</summary>
    public const int MaxLabelLength = 40;
    public const int MaxPayloadLength = 255;
    public const int MaxButtonsPerRow = 5;

    /// <summary>The keyboard JSON, or null when no choice fits VK's limits. More than five choices go on further rows.</summary>
    public static string? Choices(IReadOnlyList<OutboundChoice>? choices)
    {
        var buttons = new List<object>();
        foreach (var choice in choices ?? [])
        {
            var payload = JsonSerializer.Serialize(new { command = choice.Data });
            if (string.IsNullOrWhiteSpace(choice.Label) || choice.Label.Length > MaxLabelLength || payload.Length > MaxPayloadLength
                || Encoding.UTF8.GetByteCount(choice.Data) > OutboundChoice.MaxDataBytes)
            {
                continue;
            }

            buttons.Add(new { action = new { type = "text", label = choice.Label, payload }, color = "secondary" });
        }

        return buttons.Count == 0 ? null : JsonSerializer.Serialize(new { inline = true, buttons = buttons.Chunk(MaxButtonsPerRow) });
    }
}
