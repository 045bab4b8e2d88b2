namespace Inbox.Connectors.Telegram.Tests.Infrastructure;

/// <summary>A scripted answer of the fake Bot API, used once instead of its normal behaviour.</summary>
public sealed record FakeResponse(int Status, string Body, string ContentType = "application/json", TimeSpan? Delay = null)
{
    public static FakeResponse Error(int code, string description, int? retryAfter = null, long? migrateToChatId = null)
    {
        var parameters = new List<string>();
        if (retryAfter is not null)
        {
            parameters.Add($"\"retry_after\":{retryAfter}");
        }

        if (migrateToChatId is not null)
        {
            parameters.Add($"\"migrate_to_chat_id\":{migrateToChatId}");
        }

        var extra = parameters.Count == 0 ? "" : ",\"parameters\":{" + string.Join(',', parameters) + "}";
        var json = $"{{\"ok\":false,\"error_code\":{code},\"description\":{System.Text.Json.JsonSerializer.Serialize(description)}{extra}}}";
        return new FakeResponse(code, json);
    }

    public static FakeResponse Html(int status) => new(status,
        $"<html>\r\n<head><title>{status} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>{status} Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
        "text/html");

    /// <summary>Answers normally, but only after a pause (to make a client time out).</summary>
    public static FakeResponse Slow(TimeSpan delay) => new(0, "", Delay: delay);
}
