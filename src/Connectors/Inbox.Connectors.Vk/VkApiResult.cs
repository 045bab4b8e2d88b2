using System.Text.Json;

namespace Inbox.Connectors.Vk;

/// <summary>What one VK API call came to. VK reports its errors with HTTP 200, so every body is inspected.</summary>
public abstract record VkApiResult
{
    private VkApiResult()
    {
    }

    /// <summary><c>{"response": …}</c>.</summary>
    public sealed record Success(JsonElement Response) : VkApiResult;

    /// <summary><c>{"error": {"error_code": …, "error_msg": …}}</c>, usually with HTTP 200.</summary>
    public sealed record ApiError(int Code, string Message) : VkApiResult;

    /// <summary>VK could not be reached or answered 5xx/429/408, timed out, or sent something unreadable: worth trying again.</summary>
    public sealed record Unavailable(string Reason, TimeSpan? RetryAfter = null) : VkApiResult;

    /// <summary>VK answered a 4xx HTTP status other than 408/429: trying again will not help.</summary>
    public sealed record Refused(string Reason) : VkApiResult;
}
