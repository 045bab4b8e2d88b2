using Dapper;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Storage;
using System.Data.Common;
using Inbox.Domain;
using static Inbox.Silo.Storage.StoreRows;

namespace Inbox.Silo.Storage;

/// <summary>
/// The write side of the message store, the same SQL on SQLite and PostgreSQL: each commit is one step of the group-commit writer.
/// An inbound message is stored once per (channel, external id): a retry finds the first one, and a retry racing the first
/// (another node, the same group) is kept out by the unique index and answered with the first.
/// </summary>
public abstract class SqlConversationStore(StoreConnections store) : IConversationStore
{
    /// <summary>
    /// Queues the commit on the writer. The events' payloads (the conversation as it was, about 1.2 KB of JSON each) are
    /// written out here, on the caller's thread, so that the one writer only binds them. The event that goes into its new
    /// item's row leaves out the message (a third of it) where the store reads the row back exactly
    /// (<see cref="StoreValues.TimesReadBackExactly"/>) and the message is seldom changed (<see cref="SeldomChanged"/>): the
    /// row holds it, <see cref="StoreRows.ReadStoredEvent"/> puts it back, and the event takes it in before the row changes
    /// (<see cref="UpdateMessage"/>) or moves (<see cref="MoveTimeline"/>).
    /// </summary>
    public Task<CommitOutcome> CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default)
    {
        var inItsRow = EventOfNewMessage(commit);
        var withoutMessage = store.Values.TimesReadBackExactly && SeldomChanged(commit) ? inItsRow : -1;
        var payloads = commit.Events.Select((e, i) => store.Values.StoredEvent(i == withoutMessage ? e with { Message = null } : e)).ToList();
        return store.Writer.WriteStatementsAsync(statements => Commit(statements, store.Values, commit, payloads, inItsRow), cancellationToken);
    }

    public async Task<ConversationSnapshot?> GetConversationAsync(Guid conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await StoreReader.QueryAsync(connection, $"SELECT {ConversationColumns} FROM conversations WHERE conversation_id = @id",
            new { id = store.Values.Id(conversationId) }, ReadConversation, cancellationToken).ConfigureAwait(false);
        return rows.FirstOrDefault();
    }

    public async Task<TimelineMessage?> GetMessageAsync(Guid messageId, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await StoreReader.QueryAsync(connection, $"SELECT {MessageColumns} FROM messages WHERE message_id = @id",
            new { id = store.Values.Id(messageId) }, ReadMessage, cancellationToken).ConfigureAwait(false);
        return rows.FirstOrDefault();
    }

    public async Task<TimelineMessage?> FindByExternalIdAsync(string channel, string externalId, MessageKind kind, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await StoreReader.QueryAsync(connection, FindByExternalIdSql(kind), new { channel, externalId }, ReadMessage, cancellationToken)
            .ConfigureAwait(false);
        return rows.FirstOrDefault();
    }

    /// <summary>
    /// The look-up of a message of <paramref name="kind"/> by its provider id (<c>@channel</c>, <c>@externalId</c>). The kind is
    /// written into the text, so that the query can use the partial index of its kind: the unique one of inbound messages
    /// (kind = 0) or the other kinds' (kind &lt;&gt; 0, a term repeated as the index has it).
    /// </summary>
    internal static string FindByExternalIdSql(MessageKind kind)
    {
        var ofKind = kind == MessageKind.Inbound ? "kind = 0" : $"kind = {((int)kind).ToString(System.Globalization.CultureInfo.InvariantCulture)} AND kind <> 0";
        return $"SELECT {MessageColumns} FROM messages WHERE channel = @channel AND external_id = @externalId AND {ofKind} LIMIT 1";
    }

    public async Task<IdempotencyRecord?> FindIdempotencyAsync(Guid conversationId, Guid operatorId, string key, DateTimeOffset notBefore,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await SqlIdempotencyKeys.FindAsync(connection, store.Values, conversationId, operatorId, key, notBefore, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets a cursor inside a write (a commit that stores a message with its polling offset).</summary>
    public static void SetCursor(StoreStatements statements, string key, string value) =>
        statements.Execute("INSERT INTO cursors (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            new { key, value });

    private static readonly string InsertOutboxSql = $"""
        INSERT INTO outbox ({OutboxColumns}, lease_until_ticks)
        VALUES (@id, @conversation, @channel, @recipient, @text, @attempts, @next, @created, @attachments, @automated, @choices, 0)
        """;

    /// <summary>Adds an outbox entry, due at once, inside a commit's write.</summary>
    public static void InsertOutbox(StoreStatements statements, StoreValues values, OutboxEntry entry) =>
        statements.Execute(InsertOutboxSql, OutboxParameters(values, entry));

    /// <param name="inItsRow">The index of the event that goes into the new item's row (<see cref="EventOfNewMessage"/>), or -1.</param>
    private static CommitOutcome Commit(StoreStatements statements, StoreValues values, ConversationCommit commit,
        IReadOnlyList<object> payloads, int inItsRow)
    {
        // An operator's item made under an idempotency key already stored (a retry, a double click): nothing is written.
        if (commit.Idempotency is { } key && SqlIdempotencyKeys.Claim(statements, values, key) is { Claimed: false } taken)
        {
            return new CommitOutcome(true, taken.First);
        }

        // The message first: when its inbound message is stored already (a retried delivery, or a retry racing the first on
        // another node), the unique index keeps it out, nothing else of this commit is written, and the answer is the first.
        if (commit.NewMessage is { } message && !InsertMessage(statements, values, message, inItsRow < 0 ? null : payloads[inItsRow]))
        {
            return new CommitOutcome(true, FindDuplicate(statements, message));
        }

        // A new customer's first message claims its sender's identity: if another first message from that address was stored
        // first, nothing of this commit is (the exception rolls it back), and the message goes to that customer.
        var customerId = commit.Conversation.CustomerId;
        if (commit.ClaimedIdentity is { } identity
            && SqlIdentityOwners.Claim(statements, values, identity, customerId, commit.Conversation.UpdatedAt) != customerId)
        {
            throw new IdentityClaimedException($"The identity of conversation {commit.Conversation.ConversationId}'s first message has another owner already.");
        }

        if (commit.NewCustomer is { } customer)
        {
            SqlCustomerDirectory.Write(statements, values, customer, replace: false);
        }

        // A commit whose first event is the conversation's first starts the conversation: there is no row to update yet.
        UpsertConversation(statements, values, commit.Conversation, starts: commit.Events is [{ Sequence: 1 }, ..],
            firstSequence: commit.Events.Count == 0 ? long.MaxValue : commit.Events.Min(e => e.Sequence),
            inboundAdded: commit.NewMessage is { Kind: MessageKind.Inbound, Automated: false } ? 1 : 0);
        InsertEvents(statements, values, commit.Events, payloads, skip: inItsRow);
        if (commit.ChangedMessage is { } changed)
        {
            UpdateMessage(statements, values, changed);
        }

        if (commit.Outbox is { } entry)
        {
            InsertOutbox(statements, values, entry);
        }

        if (commit.Move is { } move)
        {
            MoveTimeline(statements, values, move);
        }

        if (commit.Cursor is { } cursor)
        {
            SetCursor(statements, cursor.Key, cursor.Value);
        }

        if (commit.SlaClocks is { Count: > 0 } clocks)
        {
            SqlSlaStore.Upsert(statements, values, clocks);
        }

        return CommitOutcome.Committed;
    }

    /// <summary>The inbound message stored before under the same channel and external id, if any: a retried delivery.</summary>
    private static TimelineMessage? FindDuplicate(StoreStatements statements, TimelineMessage? message)
    {
        if (message is not { Kind: MessageKind.Inbound, ExternalId: not null })
        {
            return null;
        }

        return statements.Query($"SELECT {MessageColumns} FROM messages WHERE channel = @channel AND external_id = @externalId AND kind = 0",
            new { channel = message.Channel, externalId = message.ExternalId }, ReadMessage).FirstOrDefault();
    }

    /// <summary>
    /// Writes the conversation's row. Most steps (a message in a conversation that stays where it is) change only its last
    /// activity: those are written by <see cref="UpdateActivitySql"/>, which leaves the entries of the indexes on its place (status,
    /// assignee, queue) as they are, so a message rewrites one of them (the status list's, ordered by activity), not all. A
    /// new conversation (<paramref name="starts"/>: not even tried), or one that moved, is written whole.
    /// Each event's sequence is stored once: the row is written only when its last sequence is below the commit's first
    /// (<paramref name="firstSequence"/>), so a second activation of the grain (a split cluster) that numbers a step the
    /// other stored already has its commit refused. (The events kept in items' rows have no unique index to do that.)
    /// The customer's messages on the timeline (<c>inbound_count</c>, for the unread counts: <see cref="SqlReadMarkerStore"/>)
    /// grow by <paramref name="inboundAdded"/>.
    /// Only where the provider gains by it (<see cref="StoreValues.WritesActivityAlone"/>, SQLite) is the narrow update tried;
    /// PostgreSQL writes the whole row, and as no index of its holds a column that a message alone changes, the row is rewritten
    /// in place (a HOT update, <c>PostgresSchema</c>) with no index entry written.
    /// </summary>
    private static void UpsertConversation(StoreStatements statements, StoreValues values, ConversationSnapshot c, bool starts,
        long firstSequence, int inboundAdded)
    {
        var parameters = ConversationParameters(values, c, firstSequence, inboundAdded);
        if (!starts && values.WritesActivityAlone && statements.Expect(UpdateActivitySql, parameters))
        {
            return;
        }

        if (!statements.Expect("""
            INSERT INTO conversations (conversation_id, customer_id, status, assignee_id, last_sequence, last_message_at, last_inbound_channel,
                last_inbound_identity, last_preview, created_at, updated_at, activity_ticks, merged_into, labels, handoff, bot_memory, queue_priority,
                team, queued_ticks, awaiting_open_ticks, last_inbound_preview, last_inbound_ticks, inbound_count)
            VALUES (@id, @customer, @status, @assignee, @seq, @lastAt, @channel, @identity, @preview, @created, @updated, @ticks, @mergedInto, @labels,
                @handoff, @botMemory, @queuePriority, @team, @queuedTicks, @awaitingOpenTicks, @inboundPreview, @inboundTicks, @inboundAdded)
            ON CONFLICT (conversation_id) DO UPDATE SET status = excluded.status, assignee_id = excluded.assignee_id,
                last_sequence = excluded.last_sequence, last_message_at = excluded.last_message_at,
                last_inbound_channel = excluded.last_inbound_channel, last_inbound_identity = excluded.last_inbound_identity,
                last_preview = excluded.last_preview, updated_at = excluded.updated_at, activity_ticks = excluded.activity_ticks,
                merged_into = excluded.merged_into, labels = excluded.labels, handoff = excluded.handoff, bot_memory = excluded.bot_memory,
                queue_priority = excluded.queue_priority, team = excluded.team, queued_ticks = excluded.queued_ticks,
                awaiting_open_ticks = excluded.awaiting_open_ticks, last_inbound_preview = excluded.last_inbound_preview,
                last_inbound_ticks = excluded.last_inbound_ticks, inbound_count = COALESCE(conversations.inbound_count, 0) + @inboundAdded
            WHERE conversations.last_sequence < @firstSequence
            """, parameters))
        {
            throw new StepConflictException(
                $"Conversation {c.ConversationId} has a step numbered {firstSequence} or later stored already: another activation of it, or a commit whose answer was lost.");
        }
    }

    /// <summary>
    /// Writes every column but the ones that place the conversation in an index, only where the row already has those as the
    /// step leaves them: the row then ends exactly as the whole upsert would leave it. It changes no row when there is no such
    /// row (a new conversation, or one whose status, assignee, queue priority, queue entry, team, merger or wait to be opened changed).
    /// SQLite rewrites an index's entry whenever an UPDATE assigns one of its columns, even to the value it has.
    /// </summary>
    private const string UpdateActivitySql = """
            UPDATE conversations SET last_sequence = @seq, last_message_at = @lastAt, last_inbound_channel = @channel,
                last_inbound_identity = @identity, last_preview = @preview, updated_at = @updated, activity_ticks = @ticks,
                labels = @labels, handoff = @handoff, bot_memory = @botMemory, last_inbound_preview = @inboundPreview,
                last_inbound_ticks = @inboundTicks, inbound_count = COALESCE(inbound_count, 0) + @inboundAdded
            WHERE conversation_id = @id AND last_sequence < @firstSequence AND status = @status AND assignee_id IS NOT DISTINCT FROM @assignee AND queue_priority = @queuePriority
                AND queued_ticks IS NOT DISTINCT FROM @queuedTicks AND awaiting_open_ticks IS NOT DISTINCT FROM @awaitingOpenTicks
                AND team IS NOT DISTINCT FROM @team AND merged_into IS NOT DISTINCT FROM @mergedInto
            """;

    /// <summary>
    /// The index of the commit's event that goes into its new item's row (the event of the step that adds the item, in the
    /// same conversation, under the same sequence), or -1. That row is appended anyway, so such an event costs no entry at
    /// a random place of the events' (conversation, sequence) index: a third of the bytes a message writes. The reads of
    /// events (<see cref="SqlConversationQueries.GetEventsAsync"/>, <see cref="SqlEventHistory"/>) take both places.
    /// </summary>
    private static int EventOfNewMessage(ConversationCommit commit)
    {
        if (commit.NewMessage is not { } message)
        {
            return -1;
        }

        for (var i = 0; i < commit.Events.Count; i++)
        {
            var e = commit.Events[i];
            if (e.Message?.MessageId == message.MessageId && e.ConversationId == message.ConversationId && e.Sequence == message.Sequence)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Whether the commit's new item is an inbound message that no bot is to decide on: such a message changes only when its
    /// sender edits it. A reply gets its delivery receipts and a bot's inbound message its decision, and each change would
    /// have the event take its message back in at once (<see cref="UpdateMessage"/>: a read and the event's JSON on the
    /// writer) for no byte saved, so their events keep their messages.
    /// </summary>
    private static bool SeldomChanged(ConversationCommit commit) =>
        commit.NewMessage is { Kind: MessageKind.Inbound } && commit.Conversation.Status != ConversationStatus.Bot;

    /// <summary>Inserts the events, each with its payload (<paramref name="payloads"/>, in the same order), but the one at <paramref name="skip"/>.</summary>
    private static void InsertEvents(StoreStatements statements, StoreValues values, IReadOnlyList<LiveEvent> events,
        IReadOnlyList<object> payloads, int skip = -1)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (i == skip)
            {
                continue;
            }

            var e = events[i];
            statements.Execute(
                "INSERT INTO events (conversation_id, sequence, type, occurred_at, payload) VALUES (@id, @seq, @type, @at, @payload)",
                new { id = values.Id(e.ConversationId), seq = e.Sequence, type = e.Type, at = values.Time(e.OccurredAt), payload = payloads[i] });
        }
    }

    /// <summary>
    /// Inserts the message, with the event of its step (<paramref name="eventPayload"/>) when that goes into its row; false
    /// when an inbound message with its channel and external id is stored already.
    /// </summary>
    private static bool InsertMessage(StoreStatements statements, StoreValues values, TimelineMessage message, object? eventPayload) =>
        statements.Expect(message is { Kind: MessageKind.Inbound, ExternalId: not null } ? InsertMessageOnceSql : InsertMessageSql,
            MessageParameters(values, message, eventPayload));

    private static readonly string InsertMessageSql =
        $"INSERT INTO messages ({MessageColumns}, created_ticks, event_payload) VALUES (@id, @conversation, @seq, @kind, @channel, @identity, @externalId, @text, @operatorId, @author, @delivery, @error, @created, @updated, @attachments, @edited, @call, @metadata, @automated, @botDecision, @ticks, @eventPayload)";

    /// <summary>An inbound message's insert, which a message stored before under its channel and external id keeps out.</summary>
    private static readonly string InsertMessageOnceSql =
        InsertMessageSql + " ON CONFLICT (channel, external_id) WHERE kind = 0 AND external_id IS NOT NULL DO NOTHING";

    /// <summary>
    /// Writes a message's change (a delivery receipt, an edit, a call's progress). An event kept in its row without the message
    /// (<see cref="CommitAsync"/>) first takes in the message as the row still has it, so that the event goes on saying what
    /// happened then, not what the message became.
    /// </summary>
    private static void UpdateMessage(StoreStatements statements, StoreValues values, TimelineMessage changed)
    {
        var id = values.Id(changed.MessageId);
        if (values.TimesReadBackExactly)
        {
            // Only SQLite leaves messages out (TimesReadBackExactly), and its json_type finds such an event without reading
            // it here: the events that keep their messages (replies' receipts, the bot's decisions) cost no more than a look-up.
            var whole = statements.Query(
                $"SELECT {ItemEventColumns} FROM messages WHERE message_id = @id AND json_type(CAST(event_payload AS TEXT), '$.message') IS NULL AND event_payload IS NOT NULL",
                new { id }, ReadStoredEvent).FirstOrDefault();
            if (whole is not null)
            {
                statements.Execute("UPDATE messages SET event_payload = @payload WHERE message_id = @id", new { id, payload = values.StoredEvent(whole) });
            }
        }

        statements.Execute("""
            UPDATE messages SET delivery = @delivery, delivery_error = @error, external_id = @externalId, updated_at = @updated,
                text = @text, edited_at = @edited, call_info = @call, bot_decision = @botDecision
            WHERE message_id = @id
            """, MessageParameters(values, changed));
    }

    private static void MoveTimeline(StoreStatements statements, StoreValues values, TimelineMove move)
    {
        var (from, to) = (values.Id(move.From), values.Id(move.To));
        if (!move.Back)
        {
            // The events kept in the moving items' rows stay with the conversation they happened in: they go to the events
            // table first (each under the conversation its payload names), and the rows move without them.
            // Each goes whole, with its message as the row has it (CommitAsync may have left the message out of it).
            var kept = statements.Query(
                $"SELECT {ItemEventColumns} FROM messages WHERE conversation_id = @from AND event_payload IS NOT NULL", new { from },
                ReadStoredEvent);
            InsertEvents(statements, values, kept, kept.Select(values.StoredEvent).ToList());
            statements.Execute(
                "UPDATE messages SET conversation_id = @to, origin_conversation_id = COALESCE(origin_conversation_id, @from), event_payload = NULL WHERE conversation_id = @from",
                new { from, to });
            statements.Execute("UPDATE outbox SET conversation_id = @to WHERE conversation_id = @from", new { from, to });
            Recount(statements, from, to);
            return;
        }

        // Unmerge: the items that came from the other conversation go back (and stop remembering they moved).
        statements.Execute("UPDATE outbox SET conversation_id = @from WHERE message_id IN (SELECT message_id FROM messages WHERE conversation_id = @to AND origin_conversation_id = @from)",
            new { from, to });
        statements.Execute("UPDATE messages SET conversation_id = @from, origin_conversation_id = NULL WHERE conversation_id = @to AND origin_conversation_id = @from",
            new { from, to });
        Recount(statements, from, to);
    }

    /// <summary>The unread counts' numbers of both conversations, counted again after messages moved between them.</summary>
    private static void Recount(StoreStatements statements, object? from, object? to)
    {
        foreach (var sql in SqlReadMarkerStore.RecountSql)
        {
            statements.Execute(sql, new { from, to });
        }
    }
}
