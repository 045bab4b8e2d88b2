using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Inbox.Domain;
using Inbox.Domain.Calls;
using Inbox.Domain.Conversations;
using Microsoft.Data.Sqlite;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>Turns the store's rows into domain records and back (ids and times are kept as text).</summary>
internal static class SqliteRows
{
    public const string MessageColumns =
        "message_id, conversation_id, sequence, kind, channel, identity, external_id, text, operator_id, author_name, delivery, delivery_error, created_at, updated_at, attachments, edited_at, call_info, metadata, automated, bot_decision";

    public const string ConversationColumns =
        "conversation_id, customer_id, status, assignee_id, last_sequence, last_message_at, last_inbound_channel, last_inbound_identity, last_preview, created_at, updated_at, merged_into, labels, handoff, bot_memory";

    public static string Id(Guid id) => id.ToString("D");

    public static string? Id(Guid? id) => id?.ToString("D");

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? time) => time is null ? null : Time(time.Value);

    public static TimelineMessage ReadMessage(DbDataReader r) => new(
        Guid.Parse(r.GetString(0)),
        Guid.Parse(r.GetString(1)),
        r.GetInt64(2),
        (MessageKind)r.GetInt32(3),
        r.GetString(4),
        NullableString(r, 5),
        NullableString(r, 6),
        r.GetString(7),
        NullableGuid(r, 8),
        NullableString(r, 9),
        r.IsDBNull(10) ? null : (DeliveryState)r.GetInt32(10),
        NullableString(r, 11),
        ParseTime(r.GetString(12)),
        ParseTime(r.GetString(13)),
        r.IsDBNull(14) ? null : JsonSerializer.Deserialize<List<AttachmentInfo>>(r.GetString(14), InboxJson.Options),
        r.IsDBNull(15) ? null : ParseTime(r.GetString(15)),
        r.IsDBNull(16) ? null : JsonSerializer.Deserialize<CallInfo>(r.GetString(16), InboxJson.Options),
        r.IsDBNull(17) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(17), InboxJson.Options),
        r.GetInt32(18) == 1,
        r.IsDBNull(19) ? null : JsonSerializer.Deserialize<BotDecisionInfo>(r.GetString(19), InboxJson.Options));

    public static ConversationSnapshot ReadConversation(DbDataReader r) => new(
        Guid.Parse(r.GetString(0)),
        Guid.Parse(r.GetString(1)),
        (ConversationStatus)r.GetInt32(2),
        NullableGuid(r, 3),
        r.GetInt64(4),
        r.IsDBNull(5) ? null : ParseTime(r.GetString(5)),
        NullableString(r, 6),
        NullableString(r, 7),
        NullableString(r, 8),
        ParseTime(r.GetString(9)),
        ParseTime(r.GetString(10)),
        NullableGuid(r, 11),
        r.IsDBNull(12) ? null : JsonSerializer.Deserialize<List<string>>(r.GetString(12), InboxJson.Options),
        r.IsDBNull(13) ? null : JsonSerializer.Deserialize<HandoffInfo>(r.GetString(13), InboxJson.Options),
        r.IsDBNull(14) ? null : r.GetString(14));

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string? NullableString(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    private static Guid? NullableGuid(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : Guid.Parse(r.GetString(ordinal));
}
