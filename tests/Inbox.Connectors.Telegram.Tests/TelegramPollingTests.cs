using System.Net;
using Inbox.Connectors.Telegram.Tests.Infrastructure;

namespace Inbox.Connectors.Telegram.Tests;

/// <summary>Polling mode against the fake getUpdates: offsets stored only after the pipeline committed, resumed after a restart, 409 survived.</summary>
public sealed class TelegramPollingTests : IAsyncLifetime
{
    private static readonly string OffsetKey = TelegramPollingService.OffsetKey(123456);
    private readonly TestWorld _world = new();
    private FakeTelegramBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeTelegramBotApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private string? StoredOffset => _world.Cursors[OffsetKey];

    private Task WaitForOffsetAsync(long offset) =>
        _world.Log.WaitUntilAsync(() => StoredOffset == offset.ToString(System.Globalization.CultureInfo.InvariantCulture), $"offset {offset}");

    [Fact]
    public async Task Updates_are_stored_and_then_the_offset_is_the_highest_update_id_plus_one()
    {
        _api.AddUpdate(TelegramExamples.Text);
        _api.AddUpdate(TelegramExamples.Callback);
        _api.AddUpdate(TelegramExamples.Photo);
        _api.AddFile("AgAC-l", "photos/file_7.jpg", TelegramExamples.PhotoBytes);

        await using var host = await TelegramTestHost.StartAsync(_api, _world, TelegramMode.Polling);
        await WaitForOffsetAsync(500000106);

        Assert.Equal(["123456789:42", "123456789:43", "callback:4382bfdwdsb323b2d9"], _world.Pipeline.Stored.Select(m => m.ExternalId));
        var cursorWrite = _world.Log.Events.ToList().IndexOf($"cursor:{OffsetKey}=500000106");
        Assert.True(_world.Log.Events.ToList().IndexOf("stored:callback:4382bfdwdsb323b2d9") < cursorWrite);
        Assert.Single(_api.CallsTo("answerCallbackQuery"));

        // The next getUpdates carries the offset, which confirms (drops) the handled updates at Telegram.
        await _api.WaitForCallsAsync(calls => calls.Any(c => c.Method == "getUpdates" && c.Get("offset") == "500000106"));
        await _world.Log.WaitUntilAsync(() => _api.PendingUpdateIds.Count == 0, "Telegram forgetting the confirmed updates");
        var first = _api.CallsTo("getUpdates")[0];
        Assert.Null(first.Get("offset"));
        Assert.Equal("1", first.Get("timeout"));
        Assert.Equal("""["message","edited_message","callback_query","my_chat_member"]""", first.Get("allowed_updates"));
    }

    [Fact]
    public async Task The_offset_is_not_stored_before_the_pipeline_has_committed_the_update()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _world.Pipeline.BeforeAccept = async (_, ct) =>
        {
            held.TrySetResult();
            await release.Task.WaitAsync(ct);
        };
        _api.AddUpdate(TelegramExamples.TextMessage(10, 1, "hello"));

        await using var host = await TelegramTestHost.StartAsync(_api, _world, TelegramMode.Polling);
        await held.Task.WaitAsync(Signal.MaxWait);

        Assert.Null(StoredOffset);
        Assert.Empty(_world.Pipeline.Stored);
        Assert.Equal([10L], _api.PendingUpdateIds);

        release.SetResult();
        await WaitForOffsetAsync(11);
        var events = _world.Log.Events.ToList();
        Assert.True(events.IndexOf("stored:123456789:1") < events.IndexOf($"cursor:{OffsetKey}=11"));
    }

    [Fact]
    public async Task After_a_restart_polling_continues_from_the_stored_offset()
    {
        _api.AddUpdate(TelegramExamples.TextMessage(20, 1, "one"));
        _api.AddUpdate(TelegramExamples.TextMessage(21, 2, "two"));

        // The first run stores both updates and the offset 22, and stops right after, before it asks Telegram again:
        // Telegram still holds updates 20 and 21 (a getUpdates with offset 22 would confirm them).
        _world.Cursors.AfterSet = (_, value, ct) => value == "22" ? Task.Delay(Timeout.InfiniteTimeSpan, ct) : Task.CompletedTask;
        var firstRun = await TelegramTestHost.StartAsync(_api, _world, TelegramMode.Polling);
        await WaitForOffsetAsync(22);
        await firstRun.DisposeAsync();
        _world.Cursors.AfterSet = null;
        Assert.Equal([20L, 21L], _api.PendingUpdateIds);
        var callsBeforeRestart = _api.CallsTo("getUpdates").Count;

        _api.AddUpdate(TelegramExamples.TextMessage(22, 3, "three"));
        await using var secondRun = await TelegramTestHost.StartAsync(_api, _world, TelegramMode.Polling);
        await WaitForOffsetAsync(23);

        Assert.Equal("22", _api.CallsTo("getUpdates")[callsBeforeRestart].Get("offset"));
        Assert.Equal(["one", "two", "three"], _world.Pipeline.Stored.Select(m => m.Text));
        Assert.Equal(3, _world.Pipeline.AcceptCalls); // 20 and 21 were not handed to the pipeline a second time
    }

    [Fact]
    public async Task An_update_not_committed_before_a_stop_is_delivered_again_after_the_restart()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _world.Pipeline.BeforeAccept = async (_, ct) =>
        {
            held.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct); // the process dies while storing
        };
        _api.AddUpdate(TelegramExamples.TextMessage(30, 7, "lost?"));

        var firstRun = await TelegramTestHost.StartAsync(_api, _world, TelegramMode.Polling);
        await held.Task.WaitAsync(Signal.MaxWait);
        await firstRun.DisposeAsync();
        Assert.Null(StoredOffset);
        Assert.Empty(_world.Pipeline.Stored);

        _world.Pipeline.BeforeAccept = null;
        await using var secondRun = await TelegramTestHost.StartAsync(_api, _world, TelegramMode.Polling);
        await WaitForOffsetAsync(31);

        Assert.Equal("lost?", _world.Pipeline.Single("123456789:7").Text);
    }

    [Fact]
    public async Task A_store_failure_keeps_the_offset_and_the_update_is_tried_again()
    {
        var failures = 2;
        _world.Pipeline.BeforeAccept = (_, _) => Interlocked.Decrement(ref failures) >= 0 ? throw new InvalidOperationException("database is down") : Task.CompletedTask;
        _api.AddUpdate(TelegramExamples.TextMessage(40, 1, "first"));
        _api.AddUpdate(TelegramExamples.TextMessage(41, 2, "second"));

        await using var host = await TelegramTestHost.StartAsync(_api, _world, TelegramMode.Polling);
        await WaitForOffsetAsync(42);

        Assert.Equal(["first", "second"], _world.Pipeline.Stored.Select(m => m.Text));
        Assert.Equal([$"cursor:{OffsetKey}=42"], _world.Log.Events.Where(e => e.StartsWith("cursor:", StringComparison.Ordinal)));
        Assert.True(_api.CallsTo("getUpdates").Count >= 3);
        Assert.All(_api.CallsTo("getUpdates").Take(3), c => Assert.Null(c.Get("offset")));
    }

    [Fact]
    public async Task A_409_conflict_is_logged_and_retried_not_a_crash()
    {
        var conflict = FakeResponse.Error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        _api.Enqueue("getUpdates", conflict, conflict, FakeResponse.Error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"));
        _api.AddUpdate(TelegramExamples.TextMessage(50, 1, "after the conflict"));

        await using var host = await TelegramTestHost.StartAsync(_api, _world, TelegramMode.Polling);
        await WaitForOffsetAsync(51);

        Assert.Equal("after the conflict", _world.Pipeline.Single("123456789:1").Text);
        Assert.True(_api.CallsTo("getUpdates").Count >= 4);
        Assert.Contains(_world.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("409", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Html_error_pages_and_rate_limits_on_getUpdates_are_survived()
    {
        _api.Enqueue("getUpdates", FakeResponse.Html(502), FakeResponse.Error(500, "Internal Server Error"), FakeResponse.Error(429, "Too Many Requests: retry after 1", retryAfter: 1));
        _api.AddUpdate(TelegramExamples.TextMessage(60, 1, "still here"));

        await using var host = await TelegramTestHost.StartAsync(_api, _world, TelegramMode.Polling);
        await WaitForOffsetAsync(61);

        Assert.Equal("still here", _world.Pipeline.Single("123456789:1").Text);
    }

    [Fact]
    public async Task Repeated_out_of_order_malformed_and_unknown_updates_in_a_batch()
    {
        _api.AddUpdate(TelegramExamples.TextMessage(72, 12, "third"));
        _api.AddUpdate(TelegramExamples.TextMessage(70, 10, "first"));
        _api.AddUpdate("""{"update_id":71,"message_reaction":{"chat":{"id":1,"type":"private"},"message_id":1,"date":1,"old_reaction":[],"new_reaction":[]}}""");
        _api.AddUpdate("""{"update_id":73,"message":"not a message"}""");
        _api.AddUpdate(TelegramExamples.TextMessage(74, 10, "first")); // the same message again under a new update_id

        await using var host = await TelegramTestHost.StartAsync(_api, _world, TelegramMode.Polling);
        await WaitForOffsetAsync(75);

        Assert.Equal(["first", "third"], _world.Pipeline.Stored.Select(m => m.Text));
    }

    [Fact]
    public async Task A_stored_offset_from_before_is_where_polling_starts()
    {
        await _world.Cursors.SetAsync(OffsetKey, "90", CancellationToken.None);
        _api.AddUpdate(TelegramExamples.TextMessage(89, 1, "already handled"));
        _api.AddUpdate(TelegramExamples.TextMessage(90, 2, "new"));

        await using var host = await TelegramTestHost.StartAsync(_api, _world, TelegramMode.Polling);
        await WaitForOffsetAsync(91);

        Assert.Equal("90", _api.CallsTo("getUpdates")[0].Get("offset"));
        Assert.Equal(["new"], _world.Pipeline.Stored.Select(m => m.Text));
    }

    [Fact]
    public async Task A_batch_entirely_below_the_stored_offset_is_handled_and_moves_the_offset_without_a_hot_loop()
    {
        // A week without updates: Telegram picked a random, lower update_id, below the offset we stored long ago.
        await _world.Cursors.SetAsync(OffsetKey, "900000", CancellationToken.None);
        _api.RestartNumberingBelow(900000);
        _api.AddUpdate(TelegramExamples.TextMessage(10, 1, "after the quiet week"));
        _api.AddUpdate(TelegramExamples.TextMessage(11, 2, "and again"));

        await using var host = await TelegramTestHost.StartAsync(_api, _world, TelegramMode.Polling);
        await WaitForOffsetAsync(12);
        await _api.WaitForCallsAsync(calls => calls.Any(c => c.Method == "getUpdates" && c.Get("offset") == "12"));
        await _world.Log.WaitUntilAsync(() => _api.PendingUpdateIds.Count == 0, "Telegram forgetting the confirmed updates");

        Assert.Equal(["after the quiet week", "and again"], _world.Pipeline.Stored.Select(m => m.Text));
        var calls = _api.CallsTo("getUpdates");
        Assert.Equal("900000", calls[0].Get("offset"));
        Assert.Equal("12", calls[1].Get("offset"));
    }

    [Fact]
    public async Task In_polling_mode_the_webhook_answers_404_and_takes_nothing()
    {
        await using var host = await TelegramTestHost.StartAsync(_api, _world, TelegramMode.Polling);

        var response = await host.PostUpdateAsync(TelegramExamples.Text);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, _world.Pipeline.AcceptCalls);
    }
}
