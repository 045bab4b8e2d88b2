using Inbox.Connectors.Vk.Tests.Infrastructure;

namespace Inbox.Connectors.Vk.Tests;

/// <summary>Bots Long Poll against a fake VK API and long poll server; the ts checkpoint is watched in the cursor store.</summary>
public sealed class VkLongPollTests : IAsyncLifetime
{
    private static readonly string CursorKey = VkLongPollService.CursorKey(VkTestHost.GroupId);
    private FakeVk _vk = null!;

    public async Task InitializeAsync()
    {
        _vk = await FakeVk.StartAsync();
        _vk.Users[123456789] = ("Иван", "Петров");
        _vk.Files["/x.jpg"] = (VkPayloads.LargePhoto, "image/jpeg");
        _vk.Files["/m.jpg"] = (VkPayloads.SmallPhoto, "image/jpeg");
    }

    public async Task DisposeAsync() => await _vk.DisposeAsync();

    private Task<VkTestHost> StartLongPollAsync(RecordingInboundPipeline? pipeline = null, RecordingCursorStore? cursors = null) =>
        VkTestHost.StartAsync(_vk, s => s["Channels:Vk:Mode"] = "LongPoll", pipeline, cursors);

    private static string Batch(string ts, params string[] events) => $"{{\"ts\":\"{ts}\",\"updates\":[{string.Join(',', events)}]}}";

    [Fact]
    public async Task The_example_server_is_polled_with_its_key_and_ts_and_ts_is_stored_after_the_batch()
    {
        _vk.Script("groups.getLongPollServer", FakeResponse.Json(VkPayloads.LongPollServer));
        _vk.ScriptLongPoll(Batch("1046", VkPayloads.MessageNew));

        await using var host = await StartLongPollAsync();
        await host.Cursors.Changed.WaitUntilAsync(() => host.Cursors[CursorKey] == "1046", "ts 1046 stored");

        var first = _vk.Polls[0];
        Assert.Equal("/whp/229000000", first.Path);
        Assert.Equal(("a_check", "abc", "1045", "1"), (first.Act, first.Key, first.Ts, first.Wait));
        Assert.Equal("229000000", Assert.Single(_vk.CallsOf("groups.getLongPollServer"))["group_id"]);
        var message = Assert.Single(host.Pipeline.Stored);
        Assert.Equal("123456789_57", message.ExternalId);
        Assert.Equal(VkPayloads.LargePhoto, Assert.Single(message.Attachments!).Content);
        await _vk.WaitForPollAsync(p => p.Ts == "1046", "a poll from ts 1046");
    }

    [Fact]
    public async Task Ts_is_not_stored_before_the_pipeline_has_stored_the_batch()
    {
        _vk.ScriptLongPoll(Batch("1046", VkPayloads.MessageNew));
        var pipeline = new RecordingInboundPipeline { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };

        await using var host = await StartLongPollAsync(pipeline);
        await pipeline.Entered.Task.WaitAsync(Signal.MaxWait);

        Assert.DoesNotContain(host.Cursors.Writes, w => w.Value == "1046");
        pipeline.Hold.SetResult();
        await host.Cursors.Changed.WaitUntilAsync(() => host.Cursors[CursorKey] == "1046", "ts 1046 stored");
        Assert.Single(pipeline.Stored);
    }

    [Fact]
    public async Task A_batch_that_fails_half_way_is_fetched_again_from_the_same_ts_and_nothing_is_doubled()
    {
        var second = VkPayloads.TextMessage("lp-2", 123456789, 123456789, 58, "second");
        var batch = Batch("1046", VkPayloads.MessageNew, second);
        _vk.ScriptLongPoll(batch, batch); // VK returns the same events for the same ts
        var pipeline = new RecordingInboundPipeline();
        pipeline.FailOnceFor.Add("123456789_58");

        await using var host = await StartLongPollAsync(pipeline);
        await host.Cursors.Changed.WaitUntilAsync(() => host.Cursors[CursorKey] == "1046", "ts 1046 stored");

        Assert.Equal(["123456789_57", "123456789_58"], pipeline.Stored.Select(m => m.ExternalId));
        Assert.Equal(2, _vk.Polls.Count(p => p.Ts == "1045"));
        Assert.DoesNotContain(host.Cursors.Writes.Take(host.Cursors.Writes.Count - 1), w => w.Value == "1046");
    }

    [Fact]
    public async Task Failed_1_continues_with_the_new_numeric_ts()
    {
        _vk.ScriptLongPoll("""{"failed":1,"ts":1050}""");

        await using var host = await StartLongPollAsync();
        var next = await _vk.WaitForPollAsync(p => p.Ts == "1050", "a poll from ts 1050");

        Assert.Equal("abc", next.Key);
        Assert.Single(_vk.CallsOf("groups.getLongPollServer"));
        Assert.Equal("1050", host.Cursors[CursorKey]);
    }

    [Fact]
    public async Task Failed_2_takes_a_new_key_and_keeps_our_ts()
    {
        _vk.Script("groups.getLongPollServer",
            FakeResponse.Json("""{"response":{"key":"abc","server":"https://lp.vk.com/whp/229000000","ts":"1045"}}"""),
            FakeResponse.Json("""{"response":{"key":"def","server":"https://lp.vk.com/whp/229000000","ts":"2000"}}"""));
        _vk.ScriptLongPoll(Batch("1046"), """{"failed":2}""");

        await using var host = await StartLongPollAsync();
        var withNewKey = await _vk.WaitForPollAsync(p => p.Key == "def", "a poll with the new key");

        Assert.Equal("1046", withNewKey.Ts);
        Assert.Equal(2, _vk.CallsOf("groups.getLongPollServer").Count);
        Assert.Equal("1046", host.Cursors[CursorKey]);
    }

    [Fact]
    public async Task Failed_3_takes_a_new_key_and_a_new_ts()
    {
        _vk.Script("groups.getLongPollServer",
            FakeResponse.Json("""{"response":{"key":"abc","server":"https://lp.vk.com/whp/229000000","ts":"1045"}}"""),
            FakeResponse.Json("""{"response":{"key":"def","server":"https://lp.vk.com/whp/229000000","ts":"2000"}}"""));
        _vk.ScriptLongPoll(Batch("1046"), """{"failed":3}""");

        await using var host = await StartLongPollAsync();
        var withNewKey = await _vk.WaitForPollAsync(p => p.Key == "def", "a poll with the new key");

        Assert.Equal("2000", withNewKey.Ts);
        await host.Cursors.Changed.WaitUntilAsync(() => host.Cursors[CursorKey] == "2000", "ts 2000 stored");
    }

    [Fact]
    public async Task A_numeric_ts_in_an_updates_answer_is_read()
    {
        _vk.ScriptLongPoll("""{"ts":1047,"updates":[]}""");

        await using var host = await StartLongPollAsync();

        await _vk.WaitForPollAsync(p => p.Ts == "1047", "a poll from ts 1047");
    }

    [Fact]
    public async Task After_a_restart_polling_resumes_from_the_stored_ts()
    {
        var cursors = new RecordingCursorStore();
        var pipeline = new RecordingInboundPipeline();
        _vk.ScriptLongPoll(Batch("1046", VkPayloads.MessageNew));
        await using (var first = await StartLongPollAsync(pipeline, cursors))
        {
            await cursors.Changed.WaitUntilAsync(() => cursors[CursorKey] == "1046", "ts 1046 stored");
        }

        await _vk.Changed.WaitUntilAsync(() => _vk.PollsInFlight == 0, "the stopped host's last poll to end");
        var pollsBefore = _vk.Polls.Count;
        _vk.LongPollTs = "3000"; // VK's current ts moved on while we were down
        _vk.ScriptLongPoll(Batch("1047", VkPayloads.MessageNew));
        await using var second = await StartLongPollAsync(pipeline, cursors);
        await cursors.Changed.WaitUntilAsync(() => cursors[CursorKey] == "1047", "ts 1047 stored");

        Assert.Equal("1046", _vk.Polls[pollsBefore].Ts);
        Assert.Single(pipeline.Stored); // the re-delivered message is a duplicate
    }

    [Fact]
    public async Task A_long_poll_server_error_is_retried()
    {
        _vk.ScriptLongPoll(new FakeResponse(500, "Internal Server Error"));
        _vk.ScriptLongPoll(Batch("1046", VkPayloads.MessageNew));

        await using var host = await StartLongPollAsync();
        await host.Cursors.Changed.WaitUntilAsync(() => host.Cursors[CursorKey] == "1046", "ts 1046 stored");

        Assert.Single(host.Pipeline.Stored);
        Assert.Equal(2, _vk.Polls.Count(p => p.Ts == "1045"));
    }

    [Fact]
    public async Task A_vk_error_from_get_long_poll_server_with_http_200_is_retried()
    {
        _vk.Script("groups.getLongPollServer",
            FakeResponse.Json("""{"error":{"error_code":10,"error_msg":"Internal server error"}}"""),
            new FakeResponse(502, "Bad Gateway"));

        await using var host = await StartLongPollAsync();
        await _vk.WaitForPollAsync(_ => true, "any poll");

        Assert.Equal(3, _vk.CallsOf("groups.getLongPollServer").Count);
    }

    [Fact]
    public async Task A_mixed_batch_stores_messages_tracks_reachability_ignores_echoes_and_asks_names_once()
    {
        _vk.Users[777] = ("Мария", "Смирнова");
        var echo = """{"type":"message_reply","event_id":"r1","v":"5.199","group_id":229000000,"object":{"id":1,"peer_id":777,"from_id":-229000000,"out":1,"text":"hi","conversation_message_id":3}}""";
        var deny = """{"type":"message_deny","event_id":"d1","v":"5.199","group_id":229000000,"object":{"user_id":555}}""";
        var otherGroup = VkPayloads.TextMessage("x1", 9, 9, 1, "not ours", groupId: 1);
        _vk.ScriptLongPoll(Batch("1046", VkPayloads.MessageNew, echo, deny, otherGroup, VkPayloads.TextMessage("m2", 777, 777, 4, "привет")));

        await using var host = await StartLongPollAsync();
        await host.Cursors.Changed.WaitUntilAsync(() => host.Cursors[CursorKey] == "1046", "ts 1046 stored");

        Assert.Equal([("123456789_57", "Иван Петров"), ("777_4", "Мария Смирнова")], host.Pipeline.Stored.Select(m => (m.ExternalId, m.SenderName)));
        Assert.False(host.Reachability.StateOf("vk:555"));
        var namesCall = Assert.Single(_vk.CallsOf("users.get"));
        Assert.Equal(["123456789", "777"], namesCall["user_ids"].Split(',').Order());
    }
}
