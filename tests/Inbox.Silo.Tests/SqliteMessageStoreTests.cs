using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Storage;
using Inbox.Identity;
using Inbox.Silo.Storage;
using Inbox.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Inbox.Silo.Tests;

/// <summary>The message store's suite on a fresh SQLite file per test.</summary>
public sealed class SqliteMessageStoreTests : MessageStoreTests
{
    protected override async Task<TestStore> StartStoreAsync() => await StoreFactory.StartAsync();

    [Fact]
    public async Task A_stored_event_leaves_its_null_properties_out_and_reads_back_whole()
    {
        var id = Guid.NewGuid();
        var commit = Samples.Inbound(id, 1, "m-nulls", "Where is my order 1048576?");
        await Store.Conversations.CommitAsync(commit);

        var payload = StoredPayload("m-nulls");

        Assert.DoesNotContain(":null", payload, StringComparison.Ordinal);
        Assert.Null(commit.Conversation.AssigneeId); // the sample has null properties to leave out
        Assert.Equal(commit.Events, await Store.Queries.GetEventsAsync(id, 0, 10));
    }

    [Fact]
    public async Task An_items_event_is_stored_without_the_message_its_row_holds_and_takes_it_in_before_the_row_changes()
    {
        var id = Guid.NewGuid();
        var created = Samples.Inbound(id, 1, "m-slim", "Where is my order 1048576?");
        await Store.Conversations.CommitAsync(created);

        var stored = StoreRows.ReadEvent(StoredPayload("m-slim"));
        Assert.Null(stored.Message); // the row's columns hold it: about a third of the event is not written twice
        Assert.Equal(created.Events, await Store.Queries.GetEventsAsync(id, 0, 10));

        var edited = created.NewMessage! with { Text = "Where is my order 2097152?", EditedAt = Samples.Start.AddMinutes(2) };
        var conversation = created.Conversation with { LastSequence = 2 };
        var edit = new LiveEvent(id, 2, LiveEventTypes.MessageEdited, Samples.Start.AddMinutes(2), conversation, edited);
        await Store.Conversations.CommitAsync(new ConversationCommit(conversation, [edit], ChangedMessage: edited));

        Assert.Equal(created.Events[0], StoreRows.ReadEvent(StoredPayload("m-slim"))); // whole again, with the message as it was
        Assert.Equal([created.Events[0], edit], await Store.Queries.GetEventsAsync(id, 0, 10));
    }

    [Fact]
    public async Task A_reply_and_a_message_the_bot_is_to_answer_keep_their_messages_in_their_events()
    {
        // Their messages change soon (receipts, the bot's decision): an event without its message would take it back in at once.
        var (replied, withBot) = (Guid.NewGuid(), Guid.NewGuid());
        var inbound = Samples.Inbound(replied, 1, "m-before-reply");
        var reply = inbound.NewMessage! with { Kind = MessageKind.Outbound, ExternalId = "m-reply", OperatorId = Guid.NewGuid() };
        var asked = Samples.Inbound(withBot, 1, "m-to-bot");
        var inBot = asked.Conversation with { Status = ConversationStatus.Bot };

        await Store.Conversations.CommitAsync(inbound with { NewMessage = reply, Events = [inbound.Events[0] with { Message = reply }] });
        await Store.Conversations.CommitAsync(asked with { Conversation = inBot, Events = [asked.Events[0] with { Conversation = inBot }] });

        Assert.Equal(reply, StoreRows.ReadEvent(StoredPayload("m-reply")).Message);
        Assert.Equal(asked.NewMessage, StoreRows.ReadEvent(StoredPayload("m-to-bot")).Message);
    }

    [Fact]
    public async Task An_items_event_is_stored_as_utf8_bytes_and_one_stored_as_text_before_still_reads_back_and_takes_its_message_in()
    {
        var id = Guid.NewGuid();
        var created = Samples.Inbound(id, 1, "m-text", "Где мой заказ 1048576?");
        await Store.Conversations.CommitAsync(created);
        Assert.Equal("blob", StoredType("m-text"));
        Assert.Equal(created.Events, await Store.Queries.GetEventsAsync(id, 0, 10));

        // A file written before the events went in as bytes holds them as text.
        ExecuteOnFile("UPDATE messages SET event_payload = CAST(event_payload AS TEXT) WHERE external_id = 'm-text'");
        Assert.Equal("text", StoredType("m-text"));
        Assert.Equal(created.Events, await Store.Queries.GetEventsAsync(id, 0, 10));

        var edited = created.NewMessage! with { Text = "Где мой заказ 2097152?", EditedAt = Samples.Start.AddMinutes(2) };
        var conversation = created.Conversation with { LastSequence = 2 };
        var edit = new LiveEvent(id, 2, LiveEventTypes.MessageEdited, Samples.Start.AddMinutes(2), conversation, edited);
        await Store.Conversations.CommitAsync(new ConversationCommit(conversation, [edit], ChangedMessage: edited));

        Assert.Equal(created.Events[0], StoreRows.ReadEvent(StoredPayload("m-text"))); // took its message in, as it was
        Assert.Equal([created.Events[0], edit], await Store.Queries.GetEventsAsync(id, 0, 10));
    }

    private string StoredPayload(string externalId) => ReadFromFile("event_payload", externalId);

    private string StoredType(string externalId) => ReadFromFile("typeof(event_payload)", externalId);

    /// <summary>The column (or expression) of the message with that external id, as text.</summary>
    private string ReadFromFile(string column, string externalId)
    {
        using var connection = ((StoreFactory)Store).Database.Open();
        using var read = connection.CreateCommand();
        read.CommandText = $"SELECT {column} FROM messages WHERE external_id = $externalId";
        read.Parameters.AddWithValue("$externalId", externalId);
        using var reader = read.ExecuteReader();
        Assert.True(reader.Read());
        return reader.GetString(0);
    }

    private void ExecuteOnFile(string sql)
    {
        using var connection = ((StoreFactory)Store).Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void A_file_made_before_a_column_was_added_gets_the_column_and_keeps_its_rows()
    {
        using var folder = new TempDatabase();
        var id = Guid.NewGuid().ToString();
        // the conversations table as the first release made it, with one row
        MakeFileBefore(folder.Path, """
                CREATE TABLE conversations (conversation_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, status INTEGER NOT NULL,
                    assignee_id TEXT NULL, last_sequence INTEGER NOT NULL, last_message_at TEXT NULL, last_inbound_channel TEXT NULL,
                    last_inbound_identity TEXT NULL, last_preview TEXT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
                    activity_ticks INTEGER NOT NULL, merged_into TEXT NULL, labels TEXT NULL, handoff TEXT NULL, bot_memory TEXT NULL,
                    queue_priority INTEGER NOT NULL DEFAULT 0);
                INSERT INTO conversations (conversation_id, customer_id, status, last_sequence, created_at, updated_at, activity_ticks)
                VALUES ($id, $id, 1, 3, '2026-12-01T10:00:00.0000000+00:00', '2026-12-01T10:00:00.0000000+00:00', 0);
                """, id);

        var database = folder.OpenDatabase();

        using var connection = database.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT last_sequence, team, queued_ticks FROM conversations WHERE conversation_id = $id";
        read.Parameters.AddWithValue("$id", id);
        using var row = read.ExecuteReader();
        Assert.True(row.Read());
        Assert.Equal(3, row.GetInt64(0));
        Assert.True(row.IsDBNull(1));
        Assert.True(row.IsDBNull(2));
        using var index = connection.CreateCommand();
        index.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_conversations_queued'";
        Assert.Equal(1L, index.ExecuteScalar()); // the queue's index on an added column, made once the column is there
    }

    [Fact]
    public void An_outbox_made_before_reply_choices_gets_the_column_and_keeps_its_rows()
    {
        using var folder = new TempDatabase();
        // the outbox table as it was before reply choices, with one waiting reply
        MakeFileBefore(folder.Path, """
                CREATE TABLE outbox (message_id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, channel TEXT NOT NULL, recipient TEXT NOT NULL,
                    text TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_ticks INTEGER NOT NULL, lease_until_ticks INTEGER NOT NULL,
                    last_error TEXT NULL, created_at TEXT NOT NULL, attachments TEXT NULL, automated INTEGER NOT NULL DEFAULT 0);
                INSERT INTO outbox (message_id, conversation_id, channel, recipient, text, attempts, next_attempt_ticks, lease_until_ticks, created_at)
                VALUES ('m1', 'c1', 'sms', 'phone:+79160000000', 'waiting', 0, 0, 0, '2026-12-01T10:00:00.0000000+00:00');
                """);

        var database = folder.OpenDatabase();

        using var connection = database.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT text, choices FROM outbox WHERE message_id = 'm1'";
        using var row = read.ExecuteReader();
        Assert.True(row.Read());
        Assert.Equal("waiting", row.GetString(0));
        Assert.True(row.IsDBNull(1));
    }

    [Fact]
    public async Task A_file_with_its_events_keyed_without_row_ids_gets_them_moved_once_and_keeps_every_one()
    {
        using var folder = new TempDatabase();
        // the events table as releases before 2026-12 made it: keyed by conversation and sequence, without row ids
        MakeFileBefore(folder.Path, """
                CREATE TABLE events (conversation_id TEXT NOT NULL, sequence INTEGER NOT NULL, type TEXT NOT NULL, occurred_at TEXT NOT NULL,
                    payload TEXT NOT NULL, PRIMARY KEY (conversation_id, sequence)) WITHOUT ROWID;
                CREATE INDEX ix_events_occurred ON events(occurred_at);
                """);

        // Two events stored the old way, by the store of today on that file (as steps without a new item, whose events go
        // to the events table: an item's own event is kept in its row).
        var conversation = Guid.NewGuid();
        await using (var before = await StoreFactory.StartAsync(folder.Path))
        {
            await before.Conversations.CommitAsync(Samples.Inbound(conversation, 1, $"{conversation}-1") with { NewMessage = null });
            await before.Conversations.CommitAsync(Samples.Inbound(conversation, 2, $"{conversation}-2") with { NewMessage = null });
        }

        await using var after = await StoreFactory.StartAsync(folder.Path);

        Assert.Equal([1L, 2L], (await after.Queries.GetEventsAsync(conversation, 0, 10)).Select(e => e.Sequence));
        using var connection = after.Database.Open();
        using var definition = connection.CreateCommand();
        definition.CommandText = "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'events'";
        Assert.DoesNotContain("WITHOUT ROWID", (string)definition.ExecuteScalar()!, StringComparison.OrdinalIgnoreCase);
        using var indexes = connection.CreateCommand();
        indexes.CommandText = "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' AND name = 'ix_events_occurred'";
        Assert.Equal(1L, indexes.ExecuteScalar()); // the reports' index is there again

        // A sequence is still stored once per conversation.
        await Assert.ThrowsAnyAsync<Exception>(() => after.Conversations.CommitAsync(Samples.Inbound(conversation, 2, $"{conversation}-2-again")));
    }

    [Fact]
    public async Task Rows_written_before_the_unread_numbers_were_kept_get_them_counted_at_start()
    {
        using var folder = new TempDatabase();
        var (conversation, me) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var first = await StoreFactory.StartAsync(folder.Path))
        {
            for (var seq = 1; seq <= 4; seq++)
            {
                await first.Conversations.CommitAsync(Samples.Inbound(conversation, seq, $"before-{seq}"));
            }

            await first.ReadMarkers.MarkReadAsync(me, conversation, 1);
        }

        // A file of a release before them: without their columns, which the next start adds.
        using (var connection = new SqliteConnection($"Data Source={folder.Path};Pooling=False"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "ALTER TABLE conversations DROP COLUMN inbound_count; ALTER TABLE read_markers DROP COLUMN inbound_seen;";
            drop.ExecuteNonQuery();
        }

        await using var second = await StoreFactory.StartAsync(folder.Path);
        Assert.Equal([new UnreadCount(conversation, 3, 1)], await second.ReadMarkers.CountAsync(me, [conversation]));
        Assert.Equal([new UnreadCount(conversation, 4, 0)], await second.ReadMarkers.CountAsync(Guid.NewGuid(), [conversation]));
        await second.Conversations.CommitAsync(Samples.Inbound(conversation, 5, "after-5"));
        Assert.Equal(4, await second.ReadMarkers.TotalAsync(me));
    }

    [Fact]
    public async Task Unread_counts_read_no_message()
    {
        var (id, me) = (Guid.NewGuid(), Guid.NewGuid());
        for (var seq = 1; seq <= 3; seq++)
        {
            await Store.Conversations.CommitAsync(Samples.Inbound(id, seq, $"no-read-{seq}"));
        }

        await Store.ReadMarkers.MarkReadAsync(me, id, 1);
        // The console asks for the counts after every redraw of a list: they come from the conversation's row and the
        // marker, so they stay the same with the messages themselves gone from the file.
        using (var connection = ((StoreFactory)Store).Database.Open())
        {
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM messages";
            delete.ExecuteNonQuery();
        }

        Assert.Equal([new UnreadCount(id, 2, 1)], await Store.ReadMarkers.CountAsync(me, [id]));
        Assert.Equal(2, await Store.ReadMarkers.TotalAsync(me));
    }

    [Fact]
    public async Task A_file_with_identity_owners_kept_as_grain_state_gets_them_moved_once()
    {
        using var folder = new TempDatabase();
        var (owner, customer) = (Guid.NewGuid(), Guid.NewGuid());
        // identities' owners as releases before 2026-12 stored them: the state of one grain per identity, beside other grains' state
        MakeFileBefore(folder.Path, $$"""
                CREATE TABLE grain_state (state_name TEXT NOT NULL, grain_id TEXT NOT NULL, etag TEXT NOT NULL, payload TEXT NOT NULL,
                    PRIMARY KEY (state_name, grain_id)) WITHOUT ROWID;
                INSERT INTO grain_state VALUES ('identity', 'identity/phone:+79161234567', 'e1',
                    '{"customerId":"{{owner}}","claimedAt":"2026-12-01T10:00:00.0000000+00:00"}');
                INSERT INTO grain_state VALUES ('identity', 'identity/api:shop-42', 'e2', '{"customerId":"{{owner}}","claimedAt":null}');
                INSERT INTO grain_state VALUES ('customer', 'customer/{{customer:N}}', 'e3', '{"name":"Ivan"}');
                """);

        await using (var first = await StoreFactory.StartAsync(folder.Path))
        {
            var owners = first.IdentityOwners;
            Assert.Equal(owner, await owners.FindAsync(ChannelIdentity.Parse("phone:+79161234567")));
            Assert.Equal(owner, await owners.FindAsync(ChannelIdentity.Parse("api:shop-42")));
            Assert.Null(await owners.FindAsync(ChannelIdentity.Parse("api:shop-43")));
            await owners.ReassignAsync(ChannelIdentity.Parse("api:shop-42"), owner, customer);
        }

        // A second start moves nothing again: the grain states are gone, the other grains' state is kept, the move after it stays.
        await using var second = await StoreFactory.StartAsync(folder.Path);
        Assert.Equal(customer, await second.IdentityOwners.FindAsync(ChannelIdentity.Parse("api:shop-42")));
        using var connection = second.Database.Open();
        using var states = connection.CreateCommand();
        states.CommandText = "SELECT group_concat(state_name) FROM grain_state";
        Assert.Equal("customer", states.ExecuteScalar());
    }

    [Fact]
    public void A_file_with_the_indexes_of_releases_before_2026_12_04_gets_them_replaced()
    {
        using var folder = new TempDatabase();
        folder.OpenDatabase();
        // the indexes as releases before 2026-12-04 made them: the last activity in the assignee's and the queue's, and every
        // message's provider id in one more index beside the inbound messages' unique one
        MakeFileBefore(folder.Path, """
                DROP INDEX ix_conversations_assignee_id;
                DROP INDEX ix_conversations_queued;
                DROP INDEX ix_messages_external_not_inbound;
                CREATE INDEX ix_conversations_assignee ON conversations(assignee_id, activity_ticks DESC);
                CREATE INDEX ix_conversations_queue ON conversations(status, queue_priority DESC, queued_ticks, activity_ticks);
                CREATE INDEX ix_messages_external ON messages(channel, external_id) WHERE external_id IS NOT NULL;
                """);

        var database = folder.OpenDatabase();

        using var connection = database.Open();
        using var indexes = connection.CreateCommand();
        indexes.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('conversations', 'messages') AND sql IS NOT NULL ORDER BY name";
        using var names = indexes.ExecuteReader();
        var found = new List<string>();
        while (names.Read())
        {
            found.Add(names.GetString(0));
        }

        Assert.Equal(["ix_conversations_assignee_id", "ix_conversations_awaiting_open", "ix_conversations_queued", "ix_conversations_status", "ix_conversations_team_queue",
            "ix_messages_external_not_inbound", "ix_messages_timeline", "ux_messages_inbound_external"], found);
    }

    [Fact]
    public async Task The_live_count_of_each_teams_queue_reads_index_entries_not_every_queued_conversations_row()
    {
        await QueueThreeConversationsAsync();

        var steps = QueryPlan(Storage.SqlConversationQueries.QueuedByTeamSql);

        // One range of the index, in the order GROUP BY needs, and its entries alone: no row read, no sort in a temporary tree. Only a
        // team with conversations queued before entry times were kept reads those rows, for their last activity (no index holds it).
        Assert.Equal(3, steps.Count);
        Assert.Equal("SEARCH queue USING COVERING INDEX ix_conversations_team_queue (status=? AND merged_into=?)", steps[0]);
        Assert.Equal("CORRELATED SCALAR SUBQUERY 1", steps[1]);
        Assert.StartsWith("SEARCH unrecorded USING INDEX ix_conversations_team_queue (status=? AND merged_into=?", steps[2], StringComparison.Ordinal);
    }

    [Fact]
    public void An_assignment_pass_reads_its_teams_queue_in_the_order_of_an_index_not_all_of_it_sorted()
    {
        var steps = QueryPlan(Storage.SqlRoutingQueries.QueuedSql, ("@team", "orders"), ("@limit", 20));

        // The team's range of the index, already in the queue's order: only conversations that entered at the same moment
        // are sorted by their activity, and the read stops after the limit instead of sorting the whole queue first.
        Assert.Equal(["SEARCH conversations USING INDEX ix_conversations_team_queue (status=? AND merged_into=? AND team=?)",
            "USE TEMP B-TREE FOR LAST 2 TERMS OF ORDER BY"], steps);
    }

    /// <summary>The steps of SQLite's plan for <paramref name="sql"/> with these parameters (EXPLAIN QUERY PLAN's detail column).</summary>
    private List<string> QueryPlan(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = ((StoreFactory)Store).Database.Open();
        using var plan = connection.CreateCommand();
        plan.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            plan.Parameters.AddWithValue(name, value);
        }

        var steps = new List<string>();
        using var reader = plan.ExecuteReader();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }

    /// <summary>A database file as an older release left it: <paramref name="sql"/> run on a new file (<c>$id</c> is <paramref name="id"/>).</summary>
    private static void MakeFileBefore(string path, string sql, string? id = null)
    {
        using var old = new SqliteConnection($"Data Source={path};Pooling=False");
        old.Open();
        using var create = old.CreateCommand();
        create.CommandText = sql;
        if (id is not null)
        {
            create.Parameters.AddWithValue("$id", id);
        }

        create.ExecuteNonQuery();
    }
}
