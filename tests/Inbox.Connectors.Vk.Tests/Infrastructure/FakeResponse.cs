namespace Inbox.Connectors.Vk.Tests.Infrastructure;

/// <summary>A canned answer of the fake VK server. <see cref="Delay"/> holds the answer back (for timeouts).</summary>
public sealed record FakeResponse(int Status, string Body, TimeSpan? Delay = null, string? RetryAfter = null)
{
    /// <summary>In a script: answer this call as VK ordinarily would (lets a script fail only a later call).</summary>
    public static readonly FakeResponse Ordinary = new(0, "");

    public static FakeResponse Json(string body) => new(200, body);

    /// <summary>A VK API error, which VK sends with HTTP 200.</summary>
    public static FakeResponse VkError(int code, string message) =>
        new(200, $$$$"""{"error":{"error_code":{{{{code}}}},"error_msg":"{{{{message}}}}","request_params":[{"key":"method","value":"messages.send"}]}}""");
}
