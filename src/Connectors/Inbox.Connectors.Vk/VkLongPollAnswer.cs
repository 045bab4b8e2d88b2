using System.Text.Json;

namespace Inbox.Connectors.Vk;

/// <summary>One answer of a Bots Long Poll server (<c>act=a_check</c>).</summary>
public abstract record VkLongPollAnswer
{
    private VkLongPollAnswer()
    {
    }

    /// <summary><c>{"ts":"1046","updates":[…]}</c>; the events are detached copies.</summary>
    public sealed record Updates(string Ts, IReadOnlyList<JsonElement> Events) : VkLongPollAnswer;

    /// <summary><c>{"failed":1,"ts":1050}</c>, <c>{"failed":2}</c> or <c>{"failed":3}</c>.</summary>
    public sealed record Failed(int Code, string? Ts) : VkLongPollAnswer;

    /// <summary>The server could not be reached, timed out, answered non-2xx or something unreadable.</summary>
    public sealed record Unavailable(string Reason) : VkLongPollAnswer;
}
