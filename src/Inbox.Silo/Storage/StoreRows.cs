using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Inbox.Domain;
using Inbox.Domain.Calls;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Storage;
using static Inbox.Silo.Storage.StoreReader;

namespace Inbox.Silo.Storage;

/// <summary>The message store's rows, for both providers: the columns, the parameters that write a record and the readers that read it back.</summary>
public static class StoreRows
{
    public const string MessageColumns =
        "message_id, conversation_id, sequence, kind, channel, identity, external_id, text, operator_id, author_name, delivery, delivery_error, created_at, updated_at, attachments, edited_at, call_info, metadata, automated, bot_decision";

    public const string ConversationColumns =
        "conversation_id, customer_id, status, assignee_id, last_sequence, last_message_at, last_inbound_channel, last_inbound_identity, last_preview, created_at, updated_at, merged_into, labels, handoff, bot_memory, team, queued_ticks, awaiting_open_ticks, last_inbound_preview, last_inbound_ticks";

    public const string OutboxColumns =
        "message_id, conversation_id, channel, recipient, text, attempts, next_attempt_ticks, created_at, attachments, automated, choices";

    public static TimelineMessage ReadMessage(DbDataReader r) => ReadMessageAt(r, 0);

    /// <summary>A message whose <see cref="MessageColumns"/> start at <paramref name="first"/>.</summary>
    public static TimelineMessage ReadMessageAt(DbDataReader r, int first) => new(
        ReadGuid(r, first),
        ReadGuid(r, first + 1),
        r.GetInt64(first + 2),
        (MessageKind)r.GetInt32(first + 3),
        r.GetString(first + 4),
        ReadNullableString(r, first + 5),
        ReadNullableString(r, first + 6),
        r.GetString(first + 7),
        ReadNullableGuid(r, first + 8),
        ReadNullableString(r, first + 9),
        r.IsDBNull(first + 10) ? null : (DeliveryState)r.GetInt32(first + 10),
        ReadNullableString(r, first + 11),
        ReadTime(r, first + 12),
        ReadTime(r, first + 13),
        Json<List<AttachmentInfo>>(r, first + 14),
        ReadNullableTime(r, first + 15),
        Json<CallInfo>(r, first + 16),
        Json<Dictionary<string, string>>(r, first + 17),
        ReadFlag(r, first + 18),
        Json<BotDecisionInfo>(r, first + 19));

    public static ConversationSnapshot ReadConversation(DbDataReader r) => new(
        ReadGuid(r, 0),
        ReadGuid(r, 1),
        (ConversationStatus)r.GetInt32(2),
        ReadNullableGuid(r, 3),
        r.GetInt64(4),
        ReadNullableTime(r, 5),
        ReadNullableString(r, 6),
        ReadNullableString(r, 7),
        ReadNullableString(r, 8),
        ReadTime(r, 9),
        ReadTime(r, 10),
        ReadNullableGuid(r, 11),
        Json<List<string>>(r, 12),
        Json<HandoffInfo>(r, 13),
        ReadNullableString(r, 14),
        ReadNullableString(r, 15),
        ReadTicks(r, 16),
        ReadTicks(r, 17),
        ReadNullableString(r, 18),
        ReadTicks(r, 19));

    public static OutboxEntry ReadOutbox(DbDataReader r) => new(
        ReadGuid(r, 0), ReadGuid(r, 1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5),
        new DateTimeOffset(r.GetInt64(6), TimeSpan.Zero), ReadTime(r, 7), Json<List<AttachmentInfo>>(r, 8), ReadFlag(r, 9), Json<List<ReplyChoice>>(r, 10));

    /// <summary>
    /// The payload and sequence of every stored event that meets <paramref name="condition"/> (on <c>conversation_id</c> and
    /// <c>sequence</c>): a step that added a timeline item keeps its event in the item's row, the others are in <c>events</c>.
    /// Where such an event may leave out its message (<see cref="StoreValues.TimesReadBackExactly"/>), an item's row gives its
    /// message columns too (the events' rows nulls). Read each with <see cref="ReadStoredEvent"/>.
    /// </summary>
    public static string StoredEvents(string condition, StoreValues values)
    {
        var (message, none) = values.TimesReadBackExactly ? (", " + MessageColumns, ", " + NoMessageColumns) : ("", "");
        return $"SELECT payload, sequence{none} FROM events WHERE {condition} UNION ALL SELECT event_payload, sequence{message} FROM messages WHERE {condition} AND event_payload IS NOT NULL";
    }

    /// <summary>An item's stored event with its message columns, as <see cref="ReadStoredEvent"/> reads it.</summary>
    public const string ItemEventColumns = "event_payload, sequence, " + MessageColumns;

    /// <summary>
    /// An event stored in <c>events.payload</c> or <c>messages.event_payload</c>, selected as <see cref="StoredEvents"/> does
    /// (<see cref="ItemEventColumns"/> for an item's). The event kept in an item's row may leave out the message the row holds
    /// (see <see cref="SqlConversationStore"/>): it is read back from the row's columns.
    /// </summary>
    public static LiveEvent ReadStoredEvent(DbDataReader r)
    {
        var stored = ReadEvent(r.GetString(0));
        return stored.Message is null && r.FieldCount > StoredEventMessage && !r.IsDBNull(StoredEventMessage)
            ? stored with { Message = ReadMessageAt(r, StoredEventMessage) }
            : stored;
    }

    /// <summary>Where the message columns start in a row of <see cref="StoredEvents"/>.</summary>
    private const int StoredEventMessage = 2;

    /// <summary>As many nulls as <see cref="MessageColumns"/> has columns, for the events' side of <see cref="StoredEvents"/>.</summary>
    private static readonly string NoMessageColumns = string.Join(", ", MessageColumns.Split(',').Select(_ => "NULL"));

    /// <summary>
    /// How an event is stored (<c>events.payload</c> or <c>messages.event_payload</c>): the JSON of the live event without
    /// its null properties, which read back as null (a sixth of a message's event, read from a file of the benchmark).
    /// </summary>
    private static readonly JsonSerializerOptions StoredEventJson = new(InboxJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The JSON an event is stored as (<see cref="StoredEventJson"/>).</summary>
    public static string StoredEvent(LiveEvent liveEvent) => JsonSerializer.Serialize(liveEvent, StoredEventJson);

    /// <summary>The same JSON as <see cref="StoredEvent"/>, as UTF-8 bytes (no UTF-16 string made on the way).</summary>
    public static byte[] StoredEventUtf8(LiveEvent liveEvent) => JsonSerializer.SerializeToUtf8Bytes(liveEvent, StoredEventJson);

    /// <summary>An event as stored (<c>events.payload</c> or <c>messages.event_payload</c>), with or without its null properties.</summary>
    public static LiveEvent ReadEvent(string payload) => JsonSerializer.Deserialize<LiveEvent>(payload, InboxJson.Options)!;

    /// <param name="eventPayload">The event stored in the item's row (<c>event_payload</c>), when the statement writes it.</param>
    public static object MessageParameters(StoreValues v, TimelineMessage m, object? eventPayload = null) => new
    {
        id = v.Id(m.MessageId),
        conversation = v.Id(m.ConversationId),
        seq = m.Sequence,
        kind = (int)m.Kind,
        channel = m.Channel,
        identity = m.Identity,
        externalId = m.ExternalId,
        text = m.Text,
        operatorId = v.Id(m.OperatorId),
        author = m.AuthorName,
        delivery = m.Delivery is null ? (int?)null : (int)m.Delivery.Value,
        error = m.DeliveryError,
        created = v.Time(m.CreatedAt),
        updated = v.Time(m.UpdatedAt),
        attachments = m.Attachments is { Count: > 0 } ? ToJson(m.Attachments) : null,
        edited = v.Time(m.EditedAt),
        ticks = v.Ticks(m.CreatedAt),
        call = m.Call is null ? null : ToJson(m.Call),
        metadata = m.Metadata is { Count: > 0 } ? ToJson(m.Metadata) : null,
        automated = v.Flag(m.Automated),
        botDecision = m.BotDecision is null ? null : ToJson(m.BotDecision),
        eventPayload,
    };

    /// <param name="firstSequence">The first sequence the commit stores (<c>@firstSequence</c>), when the statement checks it.</param>
    /// <param name="inboundAdded">The customer's messages the commit adds to the timeline (<c>@inboundAdded</c>, 0 or 1).</param>
    public static object ConversationParameters(StoreValues v, ConversationSnapshot c, long firstSequence = long.MaxValue, int inboundAdded = 0) => new
    {
        id = v.Id(c.ConversationId),
        customer = v.Id(c.CustomerId),
        status = (int)c.Status,
        assignee = v.Id(c.AssigneeId),
        seq = c.LastSequence,
        lastAt = v.Time(c.LastMessageAt),
        channel = c.LastInboundChannel,
        identity = c.LastInboundIdentity,
        preview = c.LastMessagePreview,
        created = v.Time(c.CreatedAt),
        updated = v.Time(c.UpdatedAt),
        ticks = v.Ticks(c.LastMessageAt ?? c.UpdatedAt),
        mergedInto = v.Id(c.MergedInto),
        labels = c.Labels is { Count: > 0 } ? ToJson(c.Labels) : null,
        handoff = c.Handoff is null ? null : ToJson(c.Handoff),
        botMemory = c.BotMemory,
        queuePriority = c.Status == ConversationStatus.Queued ? c.Handoff?.Priority ?? 0 : 0,
        team = c.Team,
        queuedTicks = c.QueuedAt?.UtcTicks,
        awaitingOpenTicks = c.AwaitingOpenSince?.UtcTicks,
        inboundPreview = c.LastInboundPreview,
        inboundTicks = c.LastInboundAt?.UtcTicks,
        firstSequence,
        inboundAdded,
    };

    public static DateTimeOffset? ReadTicks(DbDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? null : new DateTimeOffset(r.GetInt64(ordinal), TimeSpan.Zero);

    public static object OutboxParameters(StoreValues v, OutboxEntry o) => new
    {
        id = v.Id(o.MessageId),
        conversation = v.Id(o.ConversationId),
        channel = o.Channel,
        recipient = o.Recipient,
        text = o.Text,
        attempts = o.Attempts,
        next = v.Ticks(o.NextAttemptAt),
        created = v.Time(o.CreatedAt),
        attachments = o.Attachments is { Count: > 0 } ? ToJson(o.Attachments) : null,
        automated = v.Flag(o.Automated),
        choices = o.Choices is { Count: > 0 } ? ToJson(o.Choices) : null,
    };

    private static string ToJson<T>(T value) => JsonSerializer.Serialize(value, InboxJson.Options);

    private static T? Json<T>(DbDataReader r, int ordinal) where T : class =>
        r.IsDBNull(ordinal) ? null : JsonSerializer.Deserialize<T>(r.GetString(ordinal), InboxJson.Options);
}
