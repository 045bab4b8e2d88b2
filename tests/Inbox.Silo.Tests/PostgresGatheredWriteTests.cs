using Inbox.Domain.Conversations;
using Inbox.Silo.Storage;
using Npgsql;

namespace Inbox.Silo.Tests;

/// <summary>
/// PostgreSQL's writer sends the statements of a group's writes together, in one round trip (<see cref="StoreStatements"/>),
/// and keeps every write's answer as if each had run alone: a statement that changed other rows than its write expected has
/// the group run again, each write at once; a write that reads runs at once, after what the writes before it gathered.
/// </summary>
public sealed class PostgresGatheredWriteTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_group_of_messages_goes_to_the_server_in_one_round_trip_and_all_of_them_are_stored()
    {
        await using var store = await PostgresStoreFactory.StartAsync(await postgres.Server.CreateDatabaseAsync());
        var ids = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();

        var (sent, runAgain, commits) = await WhileTheWriterIsHeldAsync(store, () => ids.Select((id, i) => store.Conversations.CommitAsync(Samples.Inbound(id, 1, $"group-{i}"))).ToList());

        Assert.All(await Task.WhenAll(commits), outcome => Assert.False(outcome.Duplicate));
        Assert.Equal((1, 0), (sent, runAgain));
        foreach (var id in ids)
        {
            Assert.Single((await store.Queries.GetTimelineAsync(id, null, 10)).Messages);
            Assert.Equal(1, (await store.Conversations.GetConversationAsync(id))!.LastSequence);
        }
    }

    [Fact]
    public async Task A_redelivered_message_in_a_gathered_group_is_answered_with_the_first_and_the_rest_of_the_group_is_stored()
    {
        await using var store = await PostgresStoreFactory.StartAsync(await postgres.Server.CreateDatabaseAsync());
        var first = Samples.Inbound(Guid.NewGuid(), 1, "again-1");
        await store.Conversations.CommitAsync(first);
        var others = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        var retry = Guid.NewGuid();

        var (_, runAgain, commits) = await WhileTheWriterIsHeldAsync(store, () => others.Take(3).Select((id, i) => store.Conversations.CommitAsync(Samples.Inbound(id, 1, $"new-{i}")))
            .Append(store.Conversations.CommitAsync(Samples.Inbound(retry, 1, "again-1")))
            .Concat(others.Skip(3).Select((id, i) => store.Conversations.CommitAsync(Samples.Inbound(id, 1, $"new-{i + 3}"))))
            .ToList());
        var outcomes = await Task.WhenAll(commits);

        Assert.Equal(1, runAgain);
        Assert.True(outcomes[3].Duplicate);
        Assert.Equal(first.NewMessage!.MessageId, outcomes[3].Existing!.MessageId);
        Assert.Null(await store.Conversations.GetConversationAsync(retry));
        Assert.Empty(await store.Queries.GetEventsAsync(retry, 0, 10));
        Assert.Equal(6, outcomes.Count(o => !o.Duplicate));
        foreach (var id in others)
        {
            Assert.Single((await store.Queries.GetTimelineAsync(id, null, 10)).Messages);
        }
    }

    [Fact]
    public async Task Two_writes_of_a_group_claiming_one_key_get_the_answers_they_would_get_one_after_the_other()
    {
        await using var store = await PostgresStoreFactory.StartAsync(await postgres.Server.CreateDatabaseAsync());
        IGroupCommit writer = store.Writer;

        var (_, _, claims) = await WhileTheWriterIsHeldAsync(store, () => new[] { "first", "second" }.Select(value => writer.WriteStatementsAsync(statements =>
            statements.Expect("INSERT INTO cursors (key, value) VALUES (@key, @value) ON CONFLICT (key) DO NOTHING", new { key = "claimed", value })
                ? value
                : "taken by " + statements.Query("SELECT value FROM cursors WHERE key = @key", new { key = "claimed" }, r => r.GetString(0))[0])).ToList());

        Assert.Equal(["first", "taken by first"], await Task.WhenAll(claims));
        Assert.Equal("first", await ReadCursorAsync(store, "claimed"));
    }

    [Fact]
    public async Task A_write_that_reads_sees_what_the_writes_before_it_in_its_group_gathered()
    {
        await using var store = await PostgresStoreFactory.StartAsync(await postgres.Server.CreateDatabaseAsync());
        IGroupCommit writer = store.Writer;
        const string insert = "INSERT INTO cursors (key, value) VALUES (@key, @value)";

        var (sent, _, writes) = await WhileTheWriterIsHeldAsync(store, () => new[]
        {
            writer.WriteStatementsAsync(statements =>
            {
                statements.Execute(insert, new { key = "a", value = "1" });
                return "";
            }),
            writer.WriteStatementsAsync(statements =>
            {
                var seen = statements.Query("SELECT value FROM cursors WHERE key = @key", new { key = "a" }, r => r.GetString(0));
                statements.Execute(insert, new { key = "b", value = "saw " + string.Join(",", seen) });
                return seen.Count == 1 ? seen[0] : "nothing";
            }),
            writer.WriteStatementsAsync(statements =>
            {
                statements.Execute(insert, new { key = "c", value = "3" });
                return "";
            }),
        }.ToList());

        Assert.Equal("1", (await Task.WhenAll(writes))[1]);
        Assert.Equal(("saw 1", "3"), (await ReadCursorAsync(store, "b"), await ReadCursorAsync(store, "c")));
        Assert.Equal(2, sent); // the first write's statements before the read, the third's at the end
    }

    [Fact]
    public async Task A_conversation_whose_status_changes_in_a_gathered_group_is_written_without_running_the_group_again()
    {
        await using var store = await PostgresStoreFactory.StartAsync(await postgres.Server.CreateDatabaseAsync());
        var id = Guid.NewGuid();
        await store.Conversations.CommitAsync(Samples.Inbound(id, 1, "status-1"));
        var assignee = Guid.NewGuid();
        var second = Samples.Inbound(id, 2, "status-2");
        second = second with { Conversation = second.Conversation with { Status = ConversationStatus.Assigned, AssigneeId = assignee } };
        var others = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();

        var (sent, runAgain, commits) = await WhileTheWriterIsHeldAsync(store, () => others.Select((other, i) => store.Conversations.CommitAsync(Samples.Inbound(other, 1, $"beside-{i}")))
            .Append(store.Conversations.CommitAsync(second)).ToList());

        Assert.All(await Task.WhenAll(commits), outcome => Assert.False(outcome.Duplicate));
        Assert.Equal((1, 0), (sent, runAgain));
        var stored = await store.Conversations.GetConversationAsync(id);
        Assert.Equal((ConversationStatus.Assigned, assignee, 2L), (stored!.Status, stored.AssigneeId, stored.LastSequence));
        Assert.Equal(2, (await store.Queries.GetTimelineAsync(id, null, 10)).Messages.Count);
    }

    /// <summary>
    /// Holds the writer inside a write until <paramref name="queue"/> has queued its writes, so that they make one group;
    /// returns how many times the writer sent gathered statements together meanwhile, and how many groups it ran again.
    /// </summary>
    private static async Task<(long Sent, long RunAgain, List<Task<T>> Writes)> WhileTheWriterIsHeldAsync<T>(PostgresStoreFactory store, Func<List<Task<T>>> queue)
    {
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holding = store.Writer.WriteAsync((_, _) =>
        {
            held.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return true;
        });
        Assert.True(held.Wait(TimeSpan.FromSeconds(30)));
        var (sentBefore, runAgainBefore) = (store.Writer.StatementsSentTogether, store.Writer.GroupsRunAgain);
        var writes = queue();
        release.Set();
        await holding;
        await Task.WhenAll(writes).ContinueWith(_ => { }, TaskScheduler.Default);
        return (store.Writer.StatementsSentTogether - sentBefore, store.Writer.GroupsRunAgain - runAgainBefore, writes);
    }

    private static async Task<string?> ReadCursorAsync(PostgresStoreFactory store, string key)
    {
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT value FROM cursors WHERE key = @key", connection);
        command.Parameters.AddWithValue("key", key);
        return (string?)await command.ExecuteScalarAsync();
    }
}
