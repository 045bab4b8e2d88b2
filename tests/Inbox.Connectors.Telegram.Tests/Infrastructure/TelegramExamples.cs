namespace Inbox.Connectors.Telegram.Tests.Infrastructure;

/// <summary>The five example updates of protocols/channels.md §1, character for character.</summary>
public static class TelegramExamples
{
    public const string Text = """{"update_id":500000101,"message":{"message_id":42,"from":{"id":123456789,"is_bot":false,"first_name":"Иван","language_code":"ru"},"chat":{"id":123456789,"first_name":"Иван","type":"private"},"date":1767225600,"text":"Где мой заказ 1234?"}}""";

    public const string Photo = """{"update_id":500000102,"message":{"message_id":43,"from":{"id":123456789,"is_bot":false,"first_name":"Иван"},"chat":{"id":123456789,"type":"private"},"date":1767225601,"photo":[{"file_id":"AgAC-s","file_unique_id":"AQAD1","width":90,"height":67},{"file_id":"AgAC-l","file_unique_id":"AQAD2","width":1280,"height":960,"file_size":98000}],"caption":"чек"}}""";

    public const string Contact = """{"update_id":500000103,"message":{"message_id":44,"from":{"id":123456789,"is_bot":false,"first_name":"Иван"},"chat":{"id":123456789,"type":"private"},"date":1767225602,"contact":{"phone_number":"79123456789","first_name":"Иван","user_id":123456789}}}""";

    public const string Edit = """{"update_id":500000104,"edited_message":{"message_id":42,"from":{"id":123456789,"is_bot":false,"first_name":"Иван"},"chat":{"id":123456789,"type":"private"},"date":1767225600,"edit_date":1767225700,"text":"Где мой заказ 1235?"}}""";

    public const string Callback = """{"update_id":500000105,"callback_query":{"id":"4382bfdwdsb323b2d9","from":{"id":123456789,"is_bot":false,"first_name":"Иван"},"message":{"message_id":50,"chat":{"id":123456789,"type":"private"},"date":1767225800,"text":"Оцените ответ"},"chat_instance":"-55","data":"rate:5"}}""";

    /// <summary>The bytes the fake serves for the large photo size (file_id AgAC-l).</summary>
    public static readonly byte[] PhotoBytes = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x02, 0x03, 0xFF, 0xD9];

    /// <summary>A text message update with the given ids (for repeats, order and polling tests).</summary>
    public static string TextMessage(long updateId, int messageId, string text, long userId = 123456789) =>
        "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + messageId +
        ",\"from\":{\"id\":" + userId + ",\"is_bot\":false,\"first_name\":\"Иван\",\"last_name\":\"Петров\"},\"chat\":{\"id\":" + userId +
        ",\"type\":\"private\"},\"date\":1767225600,\"text\":" + System.Text.Json.JsonSerializer.Serialize(text) + "}}";

    /// <summary>The bot's status in a chat changed: "kicked" in a private chat = the user blocked the bot, "member" = unblocked.</summary>
    public static string MyChatMember(long updateId, string newStatus, string chatType = "private", long userId = 123456789)
    {
        var chatId = chatType == "private" ? userId : -100123;
        var oldStatus = newStatus == "kicked" ? "member" : "kicked";
        var until = newStatus == "kicked" ? ",\"until_date\":0" : "";
        return "{\"update_id\":" + updateId + ",\"my_chat_member\":{\"chat\":{\"id\":" + chatId + ",\"type\":\"" + chatType + "\",\"first_name\":\"Иван\"}," +
            "\"from\":{\"id\":" + userId + ",\"is_bot\":false,\"first_name\":\"Иван\"},\"date\":1767225900," +
            "\"old_chat_member\":{\"user\":{\"id\":42,\"is_bot\":true,\"first_name\":\"Shop bot\"},\"status\":\"" + oldStatus + "\"}," +
            "\"new_chat_member\":{\"user\":{\"id\":42,\"is_bot\":true,\"first_name\":\"Shop bot\"},\"status\":\"" + newStatus + "\"" + until + "}}}";
    }
}
