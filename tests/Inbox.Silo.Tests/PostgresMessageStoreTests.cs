using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Npgsql;

namespace Inbox.Silo.Tests;

/// <summary>
/// The message store's suite on PostgreSQL, a fresh database per test on one throwaway server per class; and what several nodes
/// sharing one database need: each node here has its own connections and writer, as a node of a cluster has.
/// </summary>
public sealed class PostgresMessageStoreTests(PostgresServer postgres) : MessageStoreTests, IClassFixture<PostgresServer>
{
    protected override async Task<TestStore> StartStoreAsync() =>
        await PostgresStoreFactory.StartAsync(await postgres.Server.CreateDatabaseAsync());

    private PostgresStoreFactory Postgres => (PostgresStoreFactory)Store;

    [Fact]
    public async Task One_inbound_message_delivered_to_two_nodes_at_once_is_stored_once()
    {
        await using var other = await PostgresStoreFactory.StartAsync(Postgres.ConnectionString);
        var ids = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();

        // Each message reaches both nodes at the same time (a provider's retry landing on the other node), each in its own conversation.
        var outcomes = await Task.WhenAll(ids.Select((id, i) => Postgres.Conversations.CommitAsync(Samples.Inbound(id, 1, $"twice-{i}")))
            .Concat(ids.Select((id, i) => other.Conversations.CommitAsync(Samples.Inbound(Guid.NewGuid(), 1, $"twice-{i}")))));

        Assert.Equal(ids.Count, outcomes.Count(o => !o.Duplicate));
        Assert.Equal(ids.Count, outcomes.Count(o => o.Duplicate));
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT COUNT(*), COUNT(DISTINCT external_id) FROM messages", connection);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((ids.Count, ids.Count), (reader.GetInt64(0), reader.GetInt64(1)));
        var conversations = await Postgres.Queries.ListConversationsAsync(new ConversationQuery(null, null, false, 0, 500));
        Assert.Equal(ids.Count, conversations.Total);
    }

    [Fact]
    public async Task A_message_another_node_is_storing_right_now_is_answered_as_a_duplicate_once_that_node_commits()
    {
        // Another node has inserted the message and not committed yet: this node's commit cannot see it and must wait on the unique index.
        await using var otherNode = new NpgsqlConnection(Postgres.ConnectionString);
        await otherNode.OpenAsync();
        await using var transaction = await otherNode.BeginTransactionAsync();
        var firstId = Guid.NewGuid();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO messages (message_id, conversation_id, sequence, kind, channel, external_id, text, created_at, updated_at, created_ticks)
            VALUES (@id, @conversation, 1, 0, 'api', 'racing-1', 'hello', now(), now(), 0)
            """, otherNode, transaction))
        {
            insert.Parameters.AddWithValue("id", firstId);
            insert.Parameters.AddWithValue("conversation", Guid.NewGuid());
            await insert.ExecuteNonQueryAsync();
        }

        var id = Guid.NewGuid();
        var commit = Store.Conversations.CommitAsync(Samples.Inbound(id, 1, "racing-1"));
        await WaitUntilACommitWaitsOnALockAsync();
        Assert.False(commit.IsCompleted);
        await transaction.CommitAsync();

        var outcome = await commit;
        Assert.True(outcome.Duplicate);
        Assert.Equal(firstId, outcome.Existing!.MessageId);
        Assert.Null(await Store.Conversations.GetConversationAsync(id));
        Assert.Empty(await Store.Queries.GetEventsAsync(id, 0, 10));
    }

    private async Task WaitUntilACommitWaitsOnALockAsync()
    {
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var waiting = new NpgsqlCommand(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((long)(await waiting.ExecuteScalarAsync())! == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The commit never waited on the other node's row.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Two_nodes_taking_due_outbox_entries_at_once_never_get_the_same_entry()
    {
        await using var other = await PostgresStoreFactory.StartAsync(Postgres.ConnectionString);
        const int entries = 120;
        await Task.WhenAll(Enumerable.Range(0, entries).Select(i =>
        {
            var id = Guid.NewGuid();
            var entry = new OutboxEntry(Guid.NewGuid(), id, "api", "api:c1", $"reply {i}", 0, Samples.Start, Samples.Start);
            return Postgres.Conversations.CommitAsync(Samples.Inbound(id, 1, $"out-{i}") with { Outbox = entry });
        }));

        // Both nodes' dispatchers, four takers each, take small batches until nothing is due.
        var now = Samples.Start.AddMinutes(1);
        var takers = new[] { Postgres.Outbox, other.Outbox }.SelectMany(outbox => Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var taken = new List<Guid>();
            while (await outbox.LeaseDueOutboxAsync(now, 3, TimeSpan.FromMinutes(5)) is { Count: > 0 } batch)
            {
                taken.AddRange(batch.Select(e => e.MessageId));
            }

            return taken;
        })));
        var taken = (await Task.WhenAll(takers)).SelectMany(t => t).ToList();

        Assert.Equal(entries, taken.Count);
        Assert.Equal(entries, taken.Distinct().Count());
    }

    [Fact]
    public async Task Nodes_starting_at_once_on_a_new_database_apply_the_schema_once()
    {
        var database = await postgres.Server.CreateDatabaseAsync();

        var nodes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresStoreFactory.StartAsync(database)));
        try
        {
            var id = Guid.NewGuid();
            await nodes[0].Conversations.CommitAsync(Samples.Inbound(id, 1, "schema-1"));
            Assert.Single((await nodes[3].Queries.GetTimelineAsync(id, null, 10)).Messages);
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT version FROM inbox_schema ORDER BY version", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var versions = new List<int>();
            while (await reader.ReadAsync())
            {
                versions.Add(reader.GetInt32(0));
            }

            Assert.NotEmpty(versions);
            Assert.Equal(Enumerable.Range(1, versions.Count), versions);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_writer_commits_durably_even_where_the_database_turned_synchronous_commit_off()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using (var admin = new NpgsqlConnection(database))
        {
            await admin.OpenAsync();
            await using var off = new NpgsqlCommand("ALTER DATABASE " + admin.Database + " SET synchronous_commit = off", admin);
            await off.ExecuteNonQueryAsync();
        }

        await using var node = await PostgresStoreFactory.StartAsync(database);
        var setting = await node.Writer.WriteAsync((connection, transaction) =>
            Dapper.SqlMapper.ExecuteScalar<string>(connection, "SHOW synchronous_commit", transaction: transaction));

        Assert.Equal("on", setting);
    }

    [Fact]
    public async Task A_time_with_more_than_microseconds_pages_the_timeline_without_losing_an_item()
    {
        var id = Guid.NewGuid();
        for (var seq = 1; seq <= 5; seq++)
        {
            var commit = Samples.Inbound(id, seq, $"us-{seq}");
            var at = Samples.Start.AddTicks(1234567 + seq); // sub-microsecond ticks that timestamptz does not keep
            var message = commit.NewMessage! with { CreatedAt = at, UpdatedAt = at };
            await Postgres.Conversations.CommitAsync(commit with { NewMessage = message });
        }

        var newest = await Postgres.Queries.GetTimelineAsync(id, null, 2);
        var middle = await Postgres.Queries.GetTimelineAsync(id, newest.NextBefore, 2);
        var oldest = await Postgres.Queries.GetTimelineAsync(id, middle.NextBefore, 2);

        Assert.Equal([1L, 2, 3, 4, 5], oldest.Messages.Concat(middle.Messages).Concat(newest.Messages).Select(m => m.Sequence));
    }

    [Fact]
    public async Task A_database_with_identity_owners_kept_as_grain_state_gets_them_moved_by_its_next_step()
    {
        // A database as the release before made it: every step before the identity index, Orleans' tables, and one grain per
        // identity in Orleans' grain storage, beside another grain's state. (The steps after it add to tables; each is applied
        // again, which they allow.)
        var identityStep = Silo.Storage.Postgres.PostgresSchema.Steps.ToList().FindIndex(step => step.Contains("CREATE TABLE identity_owners", StringComparison.Ordinal)) + 1;
        var database = await postgres.Server.CreateDatabaseAsync();
        await Silo.Storage.Postgres.OrleansPostgresMigration.ApplyAsync(database);
        await (await PostgresStoreFactory.StartAsync(database)).DisposeAsync();
        var (owner, other) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var before = new NpgsqlCommand($$"""
                DELETE FROM inbox_schema WHERE version >= {{identityStep}};
                DROP TABLE identity_owners;
                INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid,
                    payloadbinary, modifiedon, version)
                VALUES (1, 0, 0, 7, 'identity', 'phone:+79161234567', 'inbox',
                        convert_to('{"customerId":"{{owner}}","claimedAt":"2026-12-01T10:00:00.0000000+00:00"}', 'UTF8'), now(), 1),
                       (2, 0, 0, 7, 'identity', 'api:shop-42', 'inbox', convert_to('{"customerId":"{{owner}}","claimedAt":null}', 'UTF8'), now(), 1),
                       (3, 0, 0, 9, 'customer', '{{other:N}}', 'inbox', convert_to('{"name":"Ivan"}', 'UTF8'), now(), 1);
                """, connection);
            await before.ExecuteNonQueryAsync();
        }

        await using var node = await PostgresStoreFactory.StartAsync(database);
        var owners = node.IdentityOwners;

        Assert.Equal(owner, await owners.FindAsync(Identity.ChannelIdentity.Parse("phone:+79161234567")));
        Assert.Equal(owner, await owners.FindAsync(Identity.ChannelIdentity.Parse("api:shop-42")));
        Assert.Equal(owner, await owners.ClaimAsync(Identity.ChannelIdentity.Parse("api:shop-42"), other));
        var left = await node.Writer.WriteAsync((connection, transaction) =>
            Dapper.SqlMapper.ExecuteScalar<string>(connection, "SELECT string_agg(graintypestring, ',') FROM orleansstorage", transaction: transaction));
        Assert.Equal("customer", left);
    }

    [Fact]
    public async Task A_database_with_every_provider_id_in_a_second_index_gets_it_replaced_and_each_kind_looks_up_in_its_own()
    {
        // A database as releases before 7 December 2026 made it: every message's provider id in ix_messages_external, an inbound
        // message's also in its unique index; the step that replaced it not applied yet.
        var step = Silo.Storage.Postgres.PostgresSchema.Steps.ToList().FindIndex(text => text.Contains("ix_messages_external_not_inbound", StringComparison.Ordinal)) + 1;
        var database = await postgres.Server.CreateDatabaseAsync();
        await (await PostgresStoreFactory.StartAsync(database)).DisposeAsync();
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var before = new NpgsqlCommand($"""
                DELETE FROM inbox_schema WHERE version >= {step};
                DROP INDEX ix_messages_external_not_inbound;
                CREATE INDEX ix_messages_external ON messages(channel, external_id) WHERE external_id IS NOT NULL;
                """, connection);
            await before.ExecuteNonQueryAsync();
        }

        await (await PostgresStoreFactory.StartAsync(database)).DisposeAsync();

        await using var after = new NpgsqlConnection(database);
        await after.OpenAsync();
        await using (var indexes = new NpgsqlCommand("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'messages'", after))
        {
            Assert.Equal("ix_messages_external_not_inbound,ix_messages_origin,ix_messages_timeline,messages_pkey,ux_messages_inbound_external",
                await indexes.ExecuteScalarAsync());
        }

        // Each kind's look-up can use its kind's index (with sequential scans off, a plan names the index only if the query implies
        // the index's condition).
        await using (var noScans = new NpgsqlCommand("SET enable_seqscan = off", after))
        {
            await noScans.ExecuteNonQueryAsync();
        }

        foreach (var (kind, index) in new[] { (MessageKind.Inbound, "ux_messages_inbound_external"), (MessageKind.Outbound, "ix_messages_external_not_inbound"),
                     (MessageKind.CallEvent, "ix_messages_external_not_inbound") })
        {
            var plan = await PlanAsync(after, Silo.Storage.SqlConversationStore.FindByExternalIdSql(kind), ("@channel", "'telegram'"), ("@externalId", "'42'"));
            Assert.Contains(plan, line => line.Contains(index, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_live_count_of_each_teams_queue_reads_index_entries_not_every_queued_conversations_row()
    {
        await QueueThreeConversationsAsync();

        // As autovacuum leaves a queue whose conversations wait: their pages all visible (sequential scans off, as the table is tiny).
        await using var connection = await VacuumedConnectionAsync();
        var plan = await PlanAsync(connection, Silo.Storage.SqlConversationQueries.QueuedByTeamSql);

        // The index's entries alone, in the order GROUP BY needs: no conversation's row read, nothing sorted. (Its subplan, the last
        // activity of conversations queued before entry times were kept, runs only for a team that has some.)
        Assert.Contains(plan, line => line.Contains("Index Only Scan using ix_conversations_team_queue on conversations queue", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Sort", StringComparison.Ordinal));
        Assert.Equal(1, plan.Count(line => line.Contains("SubPlan", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_message_that_leaves_its_conversation_where_it_was_rewrites_the_row_in_place_and_writes_no_index()
    {
        // A queued conversation (in the queue's partial index too) and five more messages, each changing its last activity.
        var id = Guid.NewGuid();
        for (var sequence = 1; sequence <= 6; sequence++)
        {
            await Store.Conversations.CommitAsync(Samples.Inbound(id, sequence, $"in-place-{sequence}", $"message {sequence}"));
        }

        // The row's versions on its page (pageinspect; the page holds this conversation alone): the first, written by the insert,
        // and each later one a heap-only tuple, PostgreSQL's HOT update, which adds no entry to any index (t_infomask2 0x8000).
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString);
        await connection.OpenAsync();
        await using (var extension = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pageinspect", connection))
        {
            await extension.ExecuteNonQueryAsync();
        }

        await using var versions = new NpgsqlCommand("""
            SELECT COUNT(*), COUNT(*) FILTER (WHERE t_infomask2 & 32768 <> 0)
            FROM heap_page_items(get_raw_page('conversations', 0)) WHERE lp_flags = 1
            """, connection);
        await using var reader = await versions.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((6L, 5L), (reader.GetInt64(0), reader.GetInt64(1)));
        await reader.CloseAsync();
        Assert.Equal(6, (await Store.Conversations.GetConversationAsync(id))!.LastSequence);
    }

    [Fact]
    public async Task An_assignment_pass_reads_its_teams_queue_in_the_order_of_an_index_not_all_of_it()
    {
        // A team's queue of a thousand conversations: copies of one stored conversation, each with its own id and time in the queue.
        await Store.Conversations.CommitAsync(Samples.Inbound(Guid.NewGuid(), 1, $"m-{Guid.NewGuid()}", "Where is my order?"));
        await using (var fill = new NpgsqlConnection(Postgres.ConnectionString))
        {
            await fill.OpenAsync();
            await using var copies = new NpgsqlCommand("""
                INSERT INTO conversations
                SELECT (jsonb_populate_record(c, jsonb_build_object('conversation_id', gen_random_uuid(), 'team', 'orders', 'queued_ticks', g))).*
                FROM conversations c, generate_series(1, 1000) g
                """, fill);
            Assert.Equal(1000, await copies.ExecuteNonQueryAsync());
        }

        await using var connection = await VacuumedConnectionAsync();

        var plan = await PlanAsync(connection, Silo.Storage.SqlRoutingQueries.QueuedSql, ("@team", "'orders'"), ("@limit", "20"));

        // The team's range of the index, in the queue's order: only conversations that entered at the same moment are sorted by their
        // activity (an incremental sort on the keys the index has), and the read stops after the limit.
        Assert.Contains(plan, line => line.Contains("Index Scan using ix_conversations_team_queue", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("Index Cond: (team = 'orders'::text)", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("Presorted Key: queue_priority, ((queued_ticks IS NULL)), queued_ticks", StringComparison.Ordinal));
    }

    /// <summary>A connection to this test's database after VACUUM ANALYZE of the conversations, with sequential scans off.</summary>
    private async Task<NpgsqlConnection> VacuumedConnectionAsync()
    {
        var connection = new NpgsqlConnection(Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE conversations", connection);
        await vacuum.ExecuteNonQueryAsync();
        await using var noScans = new NpgsqlCommand("SET enable_seqscan = off", connection);
        await noScans.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>PostgreSQL's plan for <paramref name="sql"/>, its parameters written in as literals, a line per step.</summary>
    private static async Task<List<string>> PlanAsync(NpgsqlConnection connection, string sql, params (string Name, string Literal)[] parameters)
    {
        foreach (var (name, literal) in parameters)
        {
            sql = sql.Replace(name, literal, StringComparison.Ordinal);
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
        var plan = new List<string>();
        await using var lines = await explain.ExecuteReaderAsync();
        while (await lines.ReadAsync())
        {
            plan.Add(lines.GetString(0));
        }

        return plan;
    }
}
