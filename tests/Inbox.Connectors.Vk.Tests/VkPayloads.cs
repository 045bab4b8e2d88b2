namespace Inbox.Connectors.Vk.Tests;

/// <summary>The payloads of channels.md §2, verbatim, and variants built from them.</summary>
public static class VkPayloads
{
    /// <summary>§2 confirmation event, verbatim.</summary>
    public const string Confirmation = """{"type":"confirmation","group_id":229000000,"secret":"s3cr3t"}""";

    /// <summary>§2 message_new event (v5.199, photo with sizes m and x), verbatim.</summary>
    public const string MessageNew = """
        {"type":"message_new","event_id":"3f6c0a1e9b2d4c5e8f7a6b5c4d3e2f1a0b9c8d7e","v":"5.199","group_id":229000000,"secret":"s3cr3t",
         "object":{"message":{"id":1841,"date":1767225600,"peer_id":123456789,"from_id":123456789,"out":0,"text":"Где заказ?","conversation_message_id":57,
           "attachments":[{"type":"photo","photo":{"id":457239018,"owner_id":123456789,"access_key":"a1b2c3","sizes":[{"type":"m","width":130,"height":97,"url":"https://example.invalid/m.jpg"},{"type":"x","width":604,"height":453,"url":"https://example.invalid/x.jpg"}]}}],
           "fwd_messages":[],"important":false,"random_id":0},
          "client_info":{"button_actions":["text","callback"],"keyboard":true,"inline_keyboard":true,"carousel":true,"lang_id":0}}}
        """;

    /// <summary>§2 messages.send error with HTTP 200, verbatim.</summary>
    public const string FloodControlError = """{"error":{"error_code":9,"error_msg":"Flood control","request_params":[{"key":"method","value":"messages.send"}]}}""";

    /// <summary>§2 groups.getLongPollServer answer, verbatim.</summary>
    public const string LongPollServer = """{"response":{"key":"abc","server":"https://lp.vk.com/whp/229000000","ts":"1045"}}""";

    /// <summary>§2 users.get answer, verbatim.</summary>
    public const string UsersGet = """{"response":[{"id":123,"first_name":"Иван","last_name":"Петров","can_access_closed":true,"is_closed":false}]}""";

    public static readonly byte[] SmallPhoto = [0xFF, 0xD8, 0xFF, 0xE0, 0x01];
    public static readonly byte[] LargePhoto = [0xFF, 0xD8, 0xFF, 0xE0, 0x02, 0x03, 0x04, 0x05];

    /// <summary>A text message_new in the v5.199 layout.</summary>
    public static string TextMessage(string eventId, long peerId, long fromId, long cmid, string text, long id = 0, string secret = "s3cr3t", long groupId = 229000000) => $$$$"""
        {"type":"message_new","event_id":"{{{{eventId}}}}","v":"5.199","group_id":{{{{groupId}}}},"secret":"{{{{secret}}}}",
         "object":{"message":{"id":{{{{id}}}},"date":1767225700,"peer_id":{{{{peerId}}}},"from_id":{{{{fromId}}}},"out":0,"text":"{{{{text}}}}","conversation_message_id":{{{{cmid}}}},"attachments":[],"fwd_messages":[]},
          "client_info":{"button_actions":["text"],"keyboard":true,"inline_keyboard":true,"carousel":true,"lang_id":0}}}
        """;

    /// <summary>The same message as <see cref="MessageNew"/> in the layout before v5.103: the message directly in "object".</summary>
    public const string MessageNewOldLayout = """
        {"type":"message_new","event_id":"5b5c0000000000000000000000000000000000aa","v":"5.80","group_id":229000000,"secret":"s3cr3t",
         "object":{"id":1841,"date":1767225600,"peer_id":123456789,"from_id":123456789,"out":0,"text":"Где заказ?","conversation_message_id":57,"attachments":[],"fwd_messages":[]}}
        """;
}
