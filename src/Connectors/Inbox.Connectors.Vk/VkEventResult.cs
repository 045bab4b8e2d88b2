namespace Inbox.Connectors.Vk;

/// <summary>The outcome of one event with a short reason for the log (never the message text).</summary>
public sealed record VkEventResult(VkEventOutcome Outcome, string Detail)
{
    public static VkEventResult Ignored(string detail) => new(VkEventOutcome.Ignored, detail);

    public static VkEventResult Invalid(string detail) => new(VkEventOutcome.Invalid, detail);
}
