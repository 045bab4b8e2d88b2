using System.Net;
using System.Text;
using Inbox.Connectors.Telegram.Tests.Infrastructure;

namespace Inbox.Connectors.Telegram.Tests;

/// <summary>POST /webhooks/telegram on a real Kestrel, with the Bot API faked on 127.0.0.1: the examples and bad inputs of channels.md §1.</summary>
public sealed class TelegramWebhookTests : IAsyncLifetime
{
    private readonly TestWorld _world = new();
    private FakeTelegramBotApi _api = null!;
    private TelegramTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeTelegramBotApi.StartAsync();
        _api.AddFile("AgAC-l", "photos/file_7.jpg", TelegramExamples.PhotoBytes);
        _host = await TelegramTestHost.StartAsync(_api, _world);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task A_text_message_is_stored_with_the_chat_and_message_id_and_the_telegram_identity()
    {
        var response = await _host.PostUpdateAsync(TelegramExamples.Text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = _world.Pipeline.Single("123456789:42");
        Assert.Equal("telegram", message.Channel);
        Assert.Equal(["telegram:123456789"], message.From.Select(i => i.ToString()));
        Assert.Equal("Иван", message.SenderName);
        Assert.Equal("Где мой заказ 1234?", message.Text);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), message.SentAt);
        Assert.Null(message.Attachments);
    }

    [Fact]
    public async Task A_photo_is_downloaded_in_its_largest_size_with_getFile_and_the_caption_becomes_the_text()
    {
        var response = await _host.PostUpdateAsync(TelegramExamples.Photo);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = _world.Pipeline.Single("123456789:43");
        Assert.Equal("чек", message.Text);
        var attachment = Assert.Single(message.Attachments!);
        Assert.Equal(TelegramExamples.PhotoBytes, attachment.Content);
        Assert.Equal("image/jpeg", attachment.ContentType);
        Assert.Equal("file_7.jpg", attachment.FileName);
        Assert.Equal("AgAC-l", attachment.ProviderFileId);
        Assert.Equal("AgAC-l", Assert.Single(_api.CallsTo("getFile")).Get("file_id"));
        Assert.Contains(_api.Calls, c => c.Method == "file:photos/file_7.jpg");
    }

    [Fact]
    public async Task A_document_is_downloaded_under_its_own_name_and_type()
    {
        _api.AddFile("BQAC-doc", "documents/file_3.pdf", "%PDF-1.4 receipt"u8.ToArray());
        const string update = """{"update_id":600,"message":{"message_id":70,"from":{"id":123456789,"is_bot":false,"first_name":"Иван"},"chat":{"id":123456789,"type":"private"},"date":1767225602,"document":{"file_id":"BQAC-doc","file_unique_id":"d1","file_name":"чек.pdf","mime_type":"application/pdf","file_size":16}}}""";

        Assert.Equal(HttpStatusCode.OK, (await _host.PostUpdateAsync(update)).StatusCode);

        var message = _world.Pipeline.Single("123456789:70");
        var attachment = Assert.Single(message.Attachments!);
        Assert.Equal("чек.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType);
        Assert.Equal("%PDF-1.4 receipt"u8.ToArray(), attachment.Content);
        Assert.Equal("", message.Text);
    }

    [Fact]
    public async Task The_customers_own_contact_adds_the_normalised_phone_as_a_second_identity()
    {
        var response = await _host.PostUpdateAsync(TelegramExamples.Contact);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = _world.Pipeline.Single("123456789:44");
        Assert.Equal(["telegram:123456789", "phone:+79123456789"], message.From.Select(i => i.ToString()));
        Assert.Contains("+79123456789", message.Text);
    }

    [Fact]
    public async Task An_edit_changes_the_stored_text_in_place()
    {
        await _host.PostUpdateAsync(TelegramExamples.Text);

        var response = await _host.PostUpdateAsync(TelegramExamples.Edit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var edit = Assert.Single(_world.Pipeline.Edits);
        Assert.Equal(new InboundEdit("telegram", "123456789:42", "Где мой заказ 1235?", DateTimeOffset.FromUnixTimeSeconds(1767225700)), edit);
        Assert.Equal("Где мой заказ 1235?", _world.Pipeline.Single("123456789:42").Text);
        Assert.Single(_world.Pipeline.Stored);
    }

    [Fact]
    public async Task A_button_press_is_stored_as_a_message_with_the_button_data_and_answered()
    {
        var response = await _host.PostUpdateAsync(TelegramExamples.Callback);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = _world.Pipeline.Single("callback:4382bfdwdsb323b2d9");
        Assert.Equal("rate:5", message.Text);
        Assert.Equal(["telegram:123456789"], message.From.Select(i => i.ToString()));
        Assert.Equal("4382bfdwdsb323b2d9", Assert.Single(_api.CallsTo("answerCallbackQuery")).Get("callback_query_id"));
    }

    [Fact]
    public async Task A_failed_answerCallbackQuery_does_not_lose_the_button_press()
    {
        _api.Enqueue("answerCallbackQuery", FakeResponse.Error(400, "Bad Request: query is too old and response timeout expired or query ID is invalid"));

        var response = await _host.PostUpdateAsync(TelegramExamples.Callback);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("rate:5", _world.Pipeline.Single("callback:4382bfdwdsb323b2d9").Text);
    }

    [Fact]
    public async Task All_five_examples_in_a_row_make_four_messages_and_one_edit()
    {
        foreach (var update in new[] { TelegramExamples.Text, TelegramExamples.Photo, TelegramExamples.Contact, TelegramExamples.Edit, TelegramExamples.Callback })
        {
            Assert.Equal(HttpStatusCode.OK, (await _host.PostUpdateAsync(update)).StatusCode);
        }

        Assert.Equal(["123456789:42", "123456789:43", "123456789:44", "callback:4382bfdwdsb323b2d9"], _world.Pipeline.Stored.Select(m => m.ExternalId));
        Assert.Equal("Где мой заказ 1235?", _world.Pipeline.Single("123456789:42").Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-secret")]
    [InlineData("s3cr3t_Token-")]
    [InlineData("S3CR3T_TOKEN-1")]
    public async Task A_missing_or_wrong_secret_is_refused_with_401_and_changes_nothing(string? secret)
    {
        var response = await _host.PostUpdateAsync(TelegramExamples.Callback, secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_world.Pipeline.Stored);
        Assert.Equal(0, _world.Pipeline.AcceptCalls);
        Assert.Empty(_api.Calls);
    }

    [Fact]
    public async Task The_secret_is_checked_before_the_body_is_read()
    {
        // Over the size limit and not JSON: with a wrong secret the answer is still 401, not 413.
        var response = await _host.PostAsync(new ByteArrayContent(new byte[2 * 1024 * 1024]), "wrong-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"update_id":500000101,"message":{"message_id":42,"from":{"id":123456789,"is_bot":fal""")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"message":{"message_id":42,"from":{"id":123456789,"is_bot":false,"first_name":"Иван"},"chat":{"id":123456789,"type":"private"},"date":1767225600,"text":"no update_id"}}""")]
    [InlineData("""{"update_id":"not a number","message":{"message_id":42,"chat":{"id":1,"type":"private"},"date":1}}""")]
    [InlineData("""{"update_id":99999999999,"message":{"message_id":42,"chat":{"id":1,"type":"private"},"date":1}}""")]
    [InlineData("""{"update_id":5,"message":"a string where an object belongs"}""")]
    public async Task A_body_that_is_not_an_update_is_acknowledged_with_200_and_ignored(string body)
    {
        var response = await _host.PostUpdateAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, _world.Pipeline.AcceptCalls);
        Assert.Empty(_world.Pipeline.Edits);
        Assert.Empty(_api.Calls);
    }

    [Theory]
    [InlineData("""{"update_id":700,"message_reaction":{"chat":{"id":123456789,"type":"private"},"message_id":42,"date":1767225600,"old_reaction":[],"new_reaction":[{"type":"emoji","emoji":"👍"}]}}""")]
    [InlineData("""{"update_id":701,"poll":{"id":"1","question":"?","options":[],"total_voter_count":0,"is_closed":false,"is_anonymous":true,"type":"regular","allows_multiple_answers":false}}""")]
    [InlineData("""{"update_id":702,"some_future_update":{"id":1}}""")]
    [InlineData("""{"update_id":703,"channel_post":{"message_id":1,"chat":{"id":-100200,"type":"channel","title":"News"},"date":1767225600,"text":"post"}}""")]
    [InlineData("""{"update_id":704,"message":{"message_id":9,"from":{"id":555,"is_bot":false,"first_name":"Пётр"},"chat":{"id":-100300,"type":"supergroup","title":"Chat"},"date":1767225600,"text":"in a group"}}""")]
    public async Task Update_types_we_do_not_handle_are_acknowledged_and_ignored(string body)
    {
        var response = await _host.PostUpdateAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, _world.Pipeline.AcceptCalls);
        Assert.Empty(_world.Reachability.Calls);
        Assert.Empty(_api.Calls);
    }

    [Fact]
    public async Task A_repeated_update_is_stored_once()
    {
        var first = await _host.PostUpdateAsync(TelegramExamples.Text);
        var again = await _host.PostUpdateAsync(TelegramExamples.Text);
        var callback = await _host.PostUpdateAsync(TelegramExamples.Callback);
        var callbackAgain = await _host.PostUpdateAsync(TelegramExamples.Callback);

        Assert.All([first, again, callback, callbackAgain], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(["123456789:42", "callback:4382bfdwdsb323b2d9"], _world.Pipeline.Stored.Select(m => m.ExternalId));
        Assert.Equal(4, _world.Pipeline.AcceptCalls);
        Assert.Contains("duplicate:123456789:42", _world.Log.Events);
    }

    [Fact]
    public async Task The_same_message_under_a_new_update_id_is_still_stored_once()
    {
        await _host.PostUpdateAsync(TelegramExamples.TextMessage(800, 42, "Где мой заказ?"));
        await _host.PostUpdateAsync(TelegramExamples.TextMessage(801, 42, "Где мой заказ?"));

        Assert.Single(_world.Pipeline.Stored);
    }

    [Fact]
    public async Task Updates_out_of_order_are_each_stored_once()
    {
        await _host.PostUpdateAsync(TelegramExamples.TextMessage(902, 61, "second"));
        await _host.PostUpdateAsync(TelegramExamples.TextMessage(901, 60, "first"));
        await _host.PostUpdateAsync(TelegramExamples.TextMessage(902, 61, "second"));

        Assert.Equal(["123456789:61", "123456789:60"], _world.Pipeline.Stored.Select(m => m.ExternalId));
        Assert.Equal(["second", "first"], _world.Pipeline.Stored.Select(m => m.Text));
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_refused_with_413()
    {
        var padding = new string(' ', TelegramChannelEndpoints.MaxBodyBytes);
        var body = TelegramExamples.Text.Insert(1, padding + "\"pad\":0,");

        var response = await _host.PostUpdateAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, _world.Pipeline.AcceptCalls);
    }

    [Fact]
    public async Task A_chunked_body_over_one_megabyte_is_refused_with_413()
    {
        var padding = new string(' ', TelegramChannelEndpoints.MaxBodyBytes);
        var body = Encoding.UTF8.GetBytes(TelegramExamples.Text.Insert(1, padding + "\"pad\":0,"));
        var content = new StreamContent(new NonSeekableStream(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        Assert.Null(content.Headers.ContentLength); // sent chunked

        var response = await _host.PostAsync(content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, _world.Pipeline.AcceptCalls);
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_still_read()
    {
        var body = TelegramExamples.Text.Insert(1, new string(' ', TelegramChannelEndpoints.MaxBodyBytes - Encoding.UTF8.GetByteCount(TelegramExamples.Text) - 10));

        var response = await _host.PostUpdateAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _world.Pipeline.Single("123456789:42");
    }

    [Theory]
    [InlineData("""{"phone_number":"79001112233","first_name":"Мама","user_id":987654321}""")]
    [InlineData("""{"phone_number":"+79001112233","first_name":"Мама","last_name":"Иванова"}""")]
    public async Task A_contact_of_someone_else_is_stored_as_text_but_not_as_the_customers_identity(string contact)
    {
        var update = """{"update_id":1000,"message":{"message_id":45,"from":{"id":123456789,"is_bot":false,"first_name":"Иван"},"chat":{"id":123456789,"type":"private"},"date":1767225603,"contact":""" + contact + "}}";

        var response = await _host.PostUpdateAsync(update);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = _world.Pipeline.Single("123456789:45");
        Assert.Equal(["telegram:123456789"], message.From.Select(i => i.ToString()));
        Assert.Contains("Мама", message.Text);
        Assert.Contains("+79001112233", message.Text);
    }

    [Fact]
    public async Task An_edit_of_a_message_never_stored_is_acknowledged_and_ignored()
    {
        var response = await _host.PostUpdateAsync(TelegramExamples.Edit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("123456789:42", Assert.Single(_world.Pipeline.Edits).ExternalId);
        Assert.Empty(_world.Pipeline.Stored);
    }

    [Fact]
    public async Task Blocking_and_unblocking_the_bot_change_the_identitys_reachability()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.PostUpdateAsync(TelegramExamples.MyChatMember(1100, "kicked"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.PostUpdateAsync(TelegramExamples.MyChatMember(1101, "member"))).StatusCode);

        Assert.Collection(_world.Reachability.Calls,
            blocked =>
            {
                Assert.Equal("telegram:123456789", blocked.Identity.ToString());
                Assert.False(blocked.Reachable);
                Assert.Contains("blocked", blocked.Reason);
            },
            unblocked =>
            {
                Assert.Equal("telegram:123456789", unblocked.Identity.ToString());
                Assert.True(unblocked.Reachable);
            });
        Assert.Empty(_world.Pipeline.Stored);
    }

    [Fact]
    public async Task The_bot_leaving_a_group_is_not_a_customer_blocking_it()
    {
        var response = await _host.PostUpdateAsync(TelegramExamples.MyChatMember(1102, "kicked", chatType: "supergroup"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_world.Reachability.Calls);
    }

    [Fact]
    public async Task The_update_is_answered_while_the_photo_is_still_downloading_and_the_message_then_arrives_with_it()
    {
        var slowFiles = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _api.FileGate = slowFiles;

        var response = await _host.PostAsync(new StringContent(TelegramExamples.Photo, Encoding.UTF8, "application/json")).WaitAsync(Signal.MaxWait);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _api.WaitForCallsAsync(calls => calls.Any(c => c.Method == "file:photos/file_7.jpg"));
        Assert.Empty(_world.Pipeline.Stored);
        Assert.Single(_world.Intake.Entries);

        slowFiles.SetResult();
        await _world.Pipeline.WaitForStoredAsync(1);
        Assert.Equal(TelegramExamples.PhotoBytes, Assert.Single(_world.Pipeline.Single("123456789:43").Attachments!).Content);
        await _world.Intake.WaitUntilDrainedAsync();
        Assert.Empty(_world.Intake.Entries);
    }

    [Fact]
    public async Task When_Telegram_cannot_serve_a_photo_for_now_it_is_tried_again_and_the_message_arrives_with_it()
    {
        _api.Enqueue("getFile", FakeResponse.Html(502));

        var response = await _host.PostUpdateAsync(TelegramExamples.Photo);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TelegramExamples.PhotoBytes, Assert.Single(_world.Pipeline.Single("123456789:43").Attachments!).Content);
        Assert.Equal(2, _api.CallsTo("getFile").Count);
        Assert.Equal(1, _world.Pipeline.AcceptCalls);
    }

    [Theory]
    [InlineData(false, "not downloaded", 3)]
    [InlineData(true, "file is too big", 1)]
    public async Task A_file_refused_for_good_or_failing_every_time_is_noted_in_the_text_and_the_message_is_stored(bool refusedForGood, string note, int getFileCalls)
    {
        if (refusedForGood)
        {
            _api.Enqueue("getFile", FakeResponse.Error(400, "Bad Request: file is too big"));
        }
        else
        {
            _api.Enqueue("getFile", FakeResponse.Html(502), FakeResponse.Html(502), FakeResponse.Html(502));
        }

        var response = await _host.PostUpdateAsync(TelegramExamples.Photo);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = _world.Pipeline.Single("123456789:43");
        Assert.Null(message.Attachments);
        Assert.StartsWith("чек", message.Text);
        Assert.Contains(note, message.Text);
        Assert.Equal(getFileCalls, _api.CallsTo("getFile").Count);
    }

    [Fact]
    public async Task An_update_that_cannot_be_kept_is_not_acknowledged()
    {
        _world.Intake.AddFailuresToThrow = 1;

        var response = await _host.PostUpdateAsync(TelegramExamples.Text);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(0, _world.Pipeline.AcceptCalls);
    }

    [Fact]
    public async Task A_failing_store_after_the_200_is_retried_and_the_message_is_stored_once()
    {
        var failures = 2;
        _world.Pipeline.BeforeAccept = (_, _) => Interlocked.Decrement(ref failures) >= 0
            ? throw new InvalidOperationException("database is down")
            : Task.CompletedTask;

        var response = await _host.PostUpdateAsync(TelegramExamples.Text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Где мой заказ 1234?", _world.Pipeline.Single("123456789:42").Text);
        Assert.Equal(3, _world.Pipeline.AcceptCalls);
    }

    [Fact]
    public async Task Updates_acknowledged_before_a_stop_are_stored_after_the_restart()
    {
        var world = new TestWorld();
        var stuck = new TaskCompletionSource();
        world.Pipeline.BeforeAccept = (_, token) => stuck.Task.WaitAsync(token);
        var first = await TelegramTestHost.StartAsync(_api, world);
        var response = await first.PostAsync(new StringContent(TelegramExamples.Text, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await world.Pipeline.WaitForCallsAsync(1);
        await first.DisposeAsync();
        Assert.Empty(world.Pipeline.Stored);

        world.Pipeline.BeforeAccept = null;
        await using var second = await TelegramTestHost.StartAsync(_api, world);
        await world.Pipeline.WaitForStoredAsync(1);
        Assert.Equal("Где мой заказ 1234?", world.Pipeline.Single("123456789:42").Text);
        await world.Intake.WaitUntilDrainedAsync();
        Assert.Empty(world.Intake.Entries);
    }

    [Fact]
    public async Task Logs_never_contain_the_message_text_or_the_phone_number()
    {
        foreach (var update in new[] { TelegramExamples.Text, TelegramExamples.Contact, TelegramExamples.Edit, TelegramExamples.Callback, TelegramExamples.TextMessage(5, 5, "{not json") + "}" })
        {
            await _host.PostUpdateAsync(update);
        }

        await _host.PostUpdateAsync(TelegramExamples.Text, "wrong");
        Assert.NotEmpty(_world.Logs.Lines);
        Assert.All(_world.Logs.Lines, line =>
        {
            Assert.DoesNotContain("Где мой заказ", line);
            Assert.DoesNotContain("9123456789", line);
            Assert.DoesNotContain("rate:5", line);
        });
    }
}
