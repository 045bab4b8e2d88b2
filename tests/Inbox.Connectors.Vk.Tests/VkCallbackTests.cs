using System.Net;
using System.Text;
using Inbox.Connectors.Vk.Tests.Infrastructure;
using Inbox.Connectors.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Connectors.Vk.Tests;

/// <summary>POST /webhooks/vk on a real Kestrel, against a fake VK API on 127.0.0.1.</summary>
public sealed class VkCallbackTests : IAsyncLifetime
{
    private FakeVk _vk = null!;
    private VkTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _vk = await FakeVk.StartAsync();
        _vk.Users[123456789] = ("Иван", "Петров");
        _vk.Files["/m.jpg"] = (VkPayloads.SmallPhoto, "image/jpeg");
        _vk.Files["/x.jpg"] = (VkPayloads.LargePhoto, "image/jpeg");
        _host = await VkTestHost.StartAsync(_vk);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _vk.DisposeAsync();
    }

    private static async Task AssertOkAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        // Exactly the two bytes "ok": no BOM, no quotes, no newline.
        Assert.Equal("ok"u8.ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Confirmation_is_answered_with_the_configured_code_as_the_raw_body()
    {
        using var response = await _host.PostAndProcessAsync(VkPayloads.Confirmation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Encoding.UTF8.GetBytes(VkTestHost.ConfirmationCode), await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(_host.Pipeline.Stored);
    }

    [Fact]
    public async Task Confirmation_for_another_community_is_refused()
    {
        using var response = await _host.PostAndProcessAsync("""{"type":"confirmation","group_id":1,"secret":"s3cr3t"}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(VkTestHost.ConfirmationCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Confirmation_with_a_wrong_secret_does_not_reveal_the_code()
    {
        using var response = await _host.PostAndProcessAsync("""{"type":"confirmation","group_id":229000000,"secret":"guess"}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(VkTestHost.ConfirmationCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_configured_code_the_confirmation_code_is_fetched_from_vk()
    {
        await using var host = await VkTestHost.StartAsync(_vk, s => s["Channels:Vk:ConfirmationCode"] = null);

        using var response = await host.PostAndProcessAsync(VkPayloads.Confirmation);

        Assert.Equal("from-api-7f3e", await response.Content.ReadAsStringAsync());
        Assert.Equal("229000000", Assert.Single(_vk.CallsOf("groups.getCallbackConfirmationCode"))["group_id"]);
    }

    [Fact]
    public async Task The_example_message_is_stored_with_its_largest_photo_and_answered_ok()
    {
        using var response = await _host.PostAndProcessAsync(VkPayloads.MessageNew);

        await AssertOkAsync(response);
        var message = Assert.Single(_host.Pipeline.Stored);
        Assert.Equal(ChannelNames.Vk, message.Channel);
        Assert.Equal("123456789_57", message.ExternalId);
        Assert.Equal(["vk:123456789"], message.From.Select(i => i.ToString()));
        Assert.Equal("Иван Петров", message.SenderName);
        Assert.Equal("Где заказ?", message.Text);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), message.SentAt);
        var photo = Assert.Single(message.Attachments!);
        Assert.Equal(VkPayloads.LargePhoto, photo.Content);
        Assert.Equal("image/jpeg", photo.ContentType);
        Assert.Equal("photo123456789_457239018.jpg", photo.FileName);
        Assert.Equal("photo123456789_457239018_a1b2c3", photo.ProviderFileId);

        var usersGet = Assert.Single(_vk.CallsOf("users.get"));
        Assert.Equal("123456789", usersGet["user_ids"]);
        Assert.Equal("5.199", usersGet["v"]);
        Assert.Equal("vk1.a.test-community-token", usersGet["access_token"]);
    }

    [Fact]
    public async Task Ok_is_answered_only_after_the_event_is_durable()
    {
        _host.Intake.HoldAdd = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var posting = _host.PostCallbackAsync(VkPayloads.MessageNew);
        await _host.Intake.AddEntered.Task.WaitAsync(Signal.MaxWait);
        Assert.False(posting.IsCompleted, "VK was answered before the event was kept");

        _host.Intake.HoldAdd.SetResult();
        using var response = await posting.WaitAsync(Signal.MaxWait);
        await AssertOkAsync(response);
        await _host.Pipeline.WaitForStoredAsync(1);
        await _host.Intake.WaitUntilDrainedAsync();
        Assert.Single(_host.Pipeline.Stored);
    }

    [Fact]
    public async Task Ok_comes_back_while_users_get_and_the_photo_are_still_loading_then_the_message_arrives_with_both()
    {
        var slowApi = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowCdn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _vk.MethodGates["users.get"] = slowApi;
        _vk.FileGate = slowCdn;

        using var response = await _host.PostCallbackAsync(VkPayloads.MessageNew).WaitAsync(Signal.MaxWait);

        await AssertOkAsync(response);
        await _vk.Changed.WaitUntilAsync(() => _vk.CallsOf("users.get").Count == 1, "users.get to be called");
        Assert.Empty(_host.Pipeline.Stored);
        var kept = Assert.Single(_host.Intake.Entries);
        Assert.DoesNotContain(VkTestHost.Secret, kept.Payload);

        slowApi.SetResult();
        slowCdn.SetResult();
        await _host.Pipeline.WaitForStoredAsync(1);
        var message = Assert.Single(_host.Pipeline.Stored);
        Assert.Equal("Иван Петров", message.SenderName);
        Assert.Equal(VkPayloads.LargePhoto, Assert.Single(message.Attachments!).Content);
        await _host.Intake.WaitUntilDrainedAsync();
        Assert.Empty(_host.Intake.Entries);
    }

    [Fact]
    public async Task When_the_event_cannot_be_kept_it_is_not_acknowledged_and_the_redelivery_is_stored_once()
    {
        _host.Intake.AddFailuresToThrow = 1;

        using var failed = await _host.PostAndProcessAsync(VkPayloads.MessageNew);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotEqual("ok", await failed.Content.ReadAsStringAsync());
        Assert.Empty(_vk.CallsOf("users.get"));

        using var redelivered = await _host.PostAndProcessAsync(VkPayloads.MessageNew);
        await AssertOkAsync(redelivered);
        Assert.Single(_host.Pipeline.Stored);
    }

    [Fact]
    public async Task A_storage_failure_after_the_ok_is_retried_and_the_message_is_stored_once()
    {
        _host.Pipeline.FailuresToThrow = 2;

        using var response = await _host.PostAndProcessAsync(VkPayloads.MessageNew);

        await AssertOkAsync(response);
        Assert.Single(_host.Pipeline.Stored);
        Assert.Equal(3, _host.Pipeline.AcceptCalls);
        Assert.Empty(_host.Intake.Entries);
    }

    [Fact]
    public async Task A_photo_download_that_fails_for_now_is_retried_and_the_message_arrives_with_the_photo()
    {
        _vk.FileFailures = 1;

        using var response = await _host.PostAndProcessAsync(VkPayloads.MessageNew);

        await AssertOkAsync(response);
        var message = Assert.Single(_host.Pipeline.Stored);
        Assert.Equal("Где заказ?", message.Text);
        Assert.Equal(VkPayloads.LargePhoto, Assert.Single(message.Attachments!).Content);
    }

    [Fact]
    public async Task Events_acknowledged_before_a_stop_are_processed_after_the_restart()
    {
        var intake = new RecordingWebhookIntakeStore();
        var stuck = new RecordingInboundPipeline { BeforeAccept = (_, token) => Task.Delay(Timeout.Infinite, token) };
        var first = await VkTestHost.StartAsync(_vk, pipeline: stuck, intake: intake);
        using (var response = await first.PostCallbackAsync(VkPayloads.MessageNew))
        {
            await AssertOkAsync(response);
        }

        await stuck.WaitForCallsAsync(1);
        await first.DisposeAsync();
        Assert.Empty(stuck.Stored);
        Assert.Single(intake.Entries);

        var pipeline = new RecordingInboundPipeline();
        await using var second = await VkTestHost.StartAsync(_vk, pipeline: pipeline, intake: intake);
        await pipeline.WaitForStoredAsync(1);
        Assert.Equal("123456789_57", Assert.Single(pipeline.Stored).ExternalId);
        await intake.WaitUntilDrainedAsync();
        Assert.Empty(intake.Entries);
    }

    [Fact]
    public async Task An_event_that_keeps_failing_becomes_a_dead_letter_and_is_kept()
    {
        _host.Pipeline.FailuresToThrow = 100;

        using var response = await _host.PostAndProcessAsync(VkPayloads.MessageNew);

        await AssertOkAsync(response);
        var dead = Assert.Single(_host.Intake.Entries);
        Assert.True(dead.Dead);
        Assert.Equal(5, dead.Attempts);
        Assert.Contains("storage is down", dead.LastError);
        var intake = _host.Services.GetRequiredService<WebhookIntake>();
        Assert.Equal(1, intake.DeadLetters[ChannelNames.Vk]);
        var health = await new WebhookIntakeHealthCheck(intake).CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, health.Status);
        Assert.Contains("vk: 1", health.Description);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("S3CR3T")]
    [InlineData("")]
    public async Task A_wrong_secret_is_refused_with_403_and_nothing_is_processed(string secret)
    {
        using var response = await _host.PostAndProcessAsync(VkPayloads.MessageNew.Replace("\"secret\":\"s3cr3t\"", $"\"secret\":\"{secret}\""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, _host.Pipeline.AcceptCalls);
        Assert.Empty(_vk.Calls);
    }

    [Fact]
    public async Task A_missing_secret_is_refused_with_403()
    {
        using var response = await _host.PostAndProcessAsync(VkPayloads.MessageNew.Replace("\"secret\":\"s3cr3t\",", ""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, _host.Pipeline.AcceptCalls);
    }

    [Fact]
    public async Task Without_a_configured_secret_every_event_is_refused()
    {
        await using var host = await VkTestHost.StartAsync(_vk, s => s["Channels:Vk:Secret"] = null);

        using var response = await host.PostAndProcessAsync(VkPayloads.MessageNew);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Channels:Vk:Secret", await response.Content.ReadAsStringAsync());
        Assert.Empty(host.Pipeline.Stored);
    }

    [Fact]
    public async Task An_event_for_another_community_is_refused()
    {
        using var response = await _host.PostAndProcessAsync(VkPayloads.TextMessage("e-other", 5, 5, 1, "hi", groupId: 1));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_host.Pipeline.Stored);
    }

    [Fact]
    public async Task A_repeated_event_id_is_stored_once()
    {
        using var first = await _host.PostAndProcessAsync(VkPayloads.MessageNew);
        using var second = await _host.PostAndProcessAsync(VkPayloads.MessageNew);

        await AssertOkAsync(first);
        await AssertOkAsync(second);
        Assert.Single(_host.Pipeline.Stored);
        Assert.Equal(2, _host.Pipeline.AcceptCalls);
    }

    [Fact]
    public async Task Our_own_echoed_replies_are_ignored()
    {
        const string echo = """
            {"type":"message_reply","event_id":"echo-1","v":"5.199","group_id":229000000,"secret":"s3cr3t",
             "object":{"id":1842,"date":1767225700,"peer_id":123456789,"from_id":-229000000,"out":1,"text":"Ваш заказ в пути","conversation_message_id":58,"attachments":[],"fwd_messages":[]}}
            """;

        using var response = await _host.PostAndProcessAsync(echo);

        await AssertOkAsync(response);
        Assert.Equal(0, _host.Pipeline.AcceptCalls);
    }

    [Fact]
    public async Task A_message_new_sent_by_the_community_itself_is_ignored()
    {
        using var response = await _host.PostAndProcessAsync(VkPayloads.TextMessage("e-own", 123456789, -229000000, 60, "from us"));

        await AssertOkAsync(response);
        Assert.Equal(0, _host.Pipeline.AcceptCalls);
    }

    [Theory]
    [InlineData("""{"event_id":"e-1","v":"5.199","group_id":229000000,"secret":"s3cr3t","object":{}}""")]
    [InlineData("""{"type":null,"event_id":"e-2","v":"5.199","group_id":229000000,"secret":"s3cr3t","object":{}}""")]
    [InlineData("""{"type":"","event_id":"e-3","v":"5.199","group_id":229000000,"secret":"s3cr3t","object":{}}""")]
    [InlineData("""{"type":5,"event_id":"e-4","v":"5.199","group_id":229000000,"secret":"s3cr3t","object":{}}""")]
    [InlineData("""{"type":"wall_post_new","event_id":"e-5","v":"5.199","group_id":229000000,"secret":"s3cr3t","object":{"id":1,"text":"post"}}""")]
    [InlineData("""{"type":"message_typing_state","event_id":"e-6","v":"5.199","group_id":229000000,"secret":"s3cr3t","object":{"state":"typing","from_id":1,"to_id":-229000000}}""")]
    public async Task A_missing_or_unknown_type_is_answered_ok_and_ignored(string json)
    {
        using var response = await _host.PostAndProcessAsync(json);

        await AssertOkAsync(response);
        Assert.Equal(0, _host.Pipeline.AcceptCalls);
        Assert.Empty(_host.Reachability.Calls);
    }

    [Theory]
    [InlineData("message_new")]
    [InlineData("message_edit")]
    [InlineData("message_allow")]
    [InlineData("message_deny")]
    [InlineData("message_event")]
    public async Task An_object_that_is_not_an_object_is_answered_ok_and_dropped(string type)
    {
        using var response = await _host.PostAndProcessAsync($$"""{"type":"{{type}}","event_id":"bad-1","v":"5.199","group_id":229000000,"secret":"s3cr3t","object":1}""");

        await AssertOkAsync(response);
        Assert.Equal(0, _host.Intake.Added);
        Assert.Equal(0, _host.Pipeline.AcceptCalls);
        Assert.Empty(_host.Pipeline.Edits);
        Assert.Empty(_host.Reachability.Calls);
    }

    [Fact]
    public async Task A_message_object_without_any_sender_is_answered_ok_and_dropped()
    {
        using var response = await _host.PostAndProcessAsync(
            """{"type":"message_new","event_id":"bad-2","v":"5.199","group_id":229000000,"secret":"s3cr3t","object":{"message":{"text":"who am I"},"client_info":{}}}""");

        await AssertOkAsync(response);
        Assert.Equal(0, _host.Intake.Added);
        Assert.Empty(_host.Pipeline.Stored);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"type\":\"message_new\",")]
    [InlineData("[1,2,3]")]
    [InlineData("\"ok\"")]
    public async Task A_body_that_is_not_a_json_object_is_refused_with_400(string body)
    {
        using var response = await _host.PostAndProcessAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _host.Pipeline.AcceptCalls);
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_refused_with_413()
    {
        var huge = VkPayloads.TextMessage("big-1", 123456789, 123456789, 99, new string('a', 1_100_000));

        using var response = await _host.PostAndProcessAsync(huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, _host.Pipeline.AcceptCalls);
    }

    [Fact]
    public async Task The_layout_before_5_103_with_the_message_directly_in_object_is_stored()
    {
        using var response = await _host.PostAndProcessAsync(VkPayloads.MessageNewOldLayout);

        await AssertOkAsync(response);
        var message = Assert.Single(_host.Pipeline.Stored);
        Assert.Equal("123456789_57", message.ExternalId);
        Assert.Equal("Где заказ?", message.Text);
    }

    [Fact]
    public async Task A_shape_for_another_version_is_still_read_and_both_deliveries_are_one_message()
    {
        // v says 5.199 (nested) but the object is the old direct layout, and vice versa: two servers, one message.
        var directButNew = VkPayloads.MessageNewOldLayout.Replace("\"v\":\"5.80\"", "\"v\":\"5.199\"");
        var nestedButOld = VkPayloads.MessageNew.Replace("\"v\":\"5.199\"", "\"v\":\"5.80\"");

        using var first = await _host.PostAndProcessAsync(directButNew);
        using var second = await _host.PostAndProcessAsync(nestedButOld);

        await AssertOkAsync(first);
        await AssertOkAsync(second);
        var message = Assert.Single(_host.Pipeline.Stored);
        Assert.Equal("123456789_57", message.ExternalId);
    }

    [Fact]
    public async Task Group_chat_messages_and_their_edits_are_ignored_not_made_a_private_conversation_with_the_author()
    {
        using var a = await _host.PostAndProcessAsync(VkPayloads.TextMessage("chat-1", 2000000001, 123456789, 10, "first", id: 0));
        using var b = await _host.PostAndProcessAsync(VkPayloads.TextMessage("chat-2", 2000000001, 123456789, 11, "second", id: 0));
        using var edit = await _host.PostAndProcessAsync(VkPayloads.TextMessage("chat-3", 2000000001, 123456789, 10, "first, edited", id: 0).Replace("\"message_new\"", "\"message_edit\"", StringComparison.Ordinal));
        using var direct = await _host.PostAndProcessAsync(VkPayloads.TextMessage("dm-1", 123456789, 123456789, 12, "private"));

        await AssertOkAsync(a);
        await AssertOkAsync(b);
        await AssertOkAsync(edit);
        await AssertOkAsync(direct);
        Assert.Equal(["private"], _host.Pipeline.Stored.Select(m => m.Text));
        Assert.Equal(1, _host.Pipeline.AcceptCalls);
        Assert.Empty(_host.Pipeline.Edits);
    }

    [Fact]
    public async Task A_sticker_only_message_is_stored_with_the_sticker_described()
    {
        const string sticker = """
            {"type":"message_new","event_id":"st-1","v":"5.199","group_id":229000000,"secret":"s3cr3t",
             "object":{"message":{"id":1850,"date":1767225800,"peer_id":123456789,"from_id":123456789,"out":0,"text":"","conversation_message_id":70,
               "attachments":[{"type":"sticker","sticker":{"product_id":1,"sticker_id":9}}],"fwd_messages":[]},"client_info":{}}}
            """;

        using var response = await _host.PostAndProcessAsync(sticker);

        await AssertOkAsync(response);
        var message = Assert.Single(_host.Pipeline.Stored);
        Assert.Equal("[sticker]", message.Text);
        Assert.Null(message.Attachments);
        Assert.Empty(_vk.Uploads);
    }

    [Fact]
    public async Task A_photo_only_message_is_stored_with_empty_text_and_the_photo()
    {
        var photoOnly = VkPayloads.MessageNew.Replace("\"text\":\"Где заказ?\"", "\"text\":\"\"");

        using var response = await _host.PostAndProcessAsync(photoOnly);

        await AssertOkAsync(response);
        var message = Assert.Single(_host.Pipeline.Stored);
        Assert.Equal("", message.Text);
        Assert.Equal(VkPayloads.LargePhoto, Assert.Single(message.Attachments!).Content);
    }

    [Fact]
    public async Task A_photo_that_cannot_be_downloaded_leaves_a_note_and_the_message_is_kept()
    {
        _vk.Files.TryRemove("/x.jpg", out _);

        using var response = await _host.PostAndProcessAsync(VkPayloads.MessageNew);

        await AssertOkAsync(response);
        var message = Assert.Single(_host.Pipeline.Stored);
        Assert.StartsWith("Где заказ?\n[photo could not be downloaded", message.Text);
        Assert.Null(message.Attachments);
    }

    [Fact]
    public async Task Deeply_forwarded_messages_are_capped_and_stored()
    {
        var nested = "{\"from_id\":1,\"text\":\"level 200\",\"fwd_messages\":[]}";
        for (var level = 199; level >= 1; level--)
        {
            nested = $"{{\"from_id\":1,\"text\":\"level {level}\",\"fwd_messages\":[{nested}]}}";
        }

        var json = $$$$"""
            {"type":"message_new","event_id":"deep-1","v":"5.199","group_id":229000000,"secret":"s3cr3t",
             "object":{"message":{"id":1860,"date":1767225900,"peer_id":123456789,"from_id":123456789,"out":0,"text":"see below","conversation_message_id":80,
               "attachments":[],"fwd_messages":[{{{{nested}}}}]},"client_info":{}}}
            """;

        using var response = await _host.PostAndProcessAsync(json);

        await AssertOkAsync(response);
        var text = Assert.Single(_host.Pipeline.Stored).Text;
        Assert.Contains("> [forwarded from vk:1] level 1", text);
        Assert.Contains(">>> [forwarded from vk:1] level 3", text);
        Assert.DoesNotContain("level 4", text);
        Assert.Contains("[more forwarded messages not shown]", text);
    }

    [Fact]
    public async Task When_users_get_omits_the_sender_the_message_is_stored_without_a_name()
    {
        using var response = await _host.PostAndProcessAsync(VkPayloads.TextMessage("anon-1", 555, 555, 1, "hello"));

        await AssertOkAsync(response);
        var message = Assert.Single(_host.Pipeline.Stored);
        Assert.Null(message.SenderName);
        Assert.Equal("555", Assert.Single(_vk.CallsOf("users.get"))["user_ids"]);
    }

    [Theory]
    [InlineData(200, """{"error":{"error_code":10,"error_msg":"Internal server error"}}""")]
    [InlineData(500, "oops")]
    public async Task When_users_get_fails_for_now_it_is_retried_and_the_message_gets_the_name(int status, string body)
    {
        _vk.Script("users.get", new FakeResponse(status, body));

        using var response = await _host.PostAndProcessAsync(VkPayloads.MessageNew);

        await AssertOkAsync(response);
        Assert.Equal("Иван Петров", Assert.Single(_host.Pipeline.Stored).SenderName);
        Assert.Equal(2, _vk.CallsOf("users.get").Count);
    }

    [Fact]
    public async Task When_users_get_keeps_failing_the_message_is_stored_without_a_name()
    {
        var down = new FakeResponse(500, "oops");
        _vk.Script("users.get", down, down, down, down, down);

        using var response = await _host.PostAndProcessAsync(VkPayloads.MessageNew);

        await AssertOkAsync(response);
        var message = Assert.Single(_host.Pipeline.Stored);
        Assert.Null(message.SenderName);
        Assert.Equal("Где заказ?", message.Text);
        Assert.Equal(3, _vk.CallsOf("users.get").Count);
    }

    [Fact]
    public async Task Sender_names_are_cached()
    {
        using var a = await _host.PostAndProcessAsync(VkPayloads.TextMessage("n-1", 123456789, 123456789, 1, "one"));
        using var b = await _host.PostAndProcessAsync(VkPayloads.TextMessage("n-2", 123456789, 123456789, 2, "two"));

        Assert.All(_host.Pipeline.Stored, m => Assert.Equal("Иван Петров", m.SenderName));
        Assert.Single(_vk.CallsOf("users.get"));
    }

    [Fact]
    public async Task Message_allow_and_deny_set_the_identity_reachability()
    {
        using var deny = await _host.PostAndProcessAsync("""{"type":"message_deny","event_id":"d-1","v":"5.199","group_id":229000000,"secret":"s3cr3t","object":{"user_id":123456789}}""");
        await AssertOkAsync(deny);
        Assert.False(_host.Reachability.StateOf("vk:123456789"));
        Assert.Equal("the user denied messages from the community", _host.Reachability.Calls[^1].Reason);

        using var allow = await _host.PostAndProcessAsync("""{"type":"message_allow","event_id":"a-1","v":"5.199","group_id":229000000,"secret":"s3cr3t","object":{"user_id":123456789,"key":"promo"}}""");
        await AssertOkAsync(allow);
        Assert.True(_host.Reachability.StateOf("vk:123456789"));
        Assert.Equal(0, _host.Pipeline.AcceptCalls);
    }

    [Fact]
    public async Task A_repeated_deny_event_leaves_the_same_state()
    {
        const string deny = """{"type":"message_deny","event_id":"d-2","v":"5.199","group_id":229000000,"secret":"s3cr3t","object":{"user_id":42}}""";

        using var first = await _host.PostAndProcessAsync(deny);
        using var second = await _host.PostAndProcessAsync(deny);

        await AssertOkAsync(second);
        Assert.All(_host.Reachability.Calls, c => Assert.False(c.Reachable));
        Assert.False(_host.Reachability.StateOf("vk:42"));
    }

    [Fact]
    public async Task A_callback_button_arrives_as_text_and_is_answered_once()
    {
        const string button = """
            {"type":"message_event","event_id":"ev-1","v":"5.199","group_id":229000000,"secret":"s3cr3t",
             "object":{"user_id":123456789,"peer_id":123456789,"event_id":"a1b2c3d4e5f6","payload":{"text":"Статус заказа"},"conversation_message_id":58}}
            """;

        using var first = await _host.PostAndProcessAsync(button);
        using var repeated = await _host.PostAndProcessAsync(button);

        await AssertOkAsync(first);
        await AssertOkAsync(repeated);
        var message = Assert.Single(_host.Pipeline.Stored);
        Assert.Equal("Статус заказа", message.Text);
        Assert.Equal("button_a1b2c3d4e5f6", message.ExternalId);
        Assert.Equal("Иван Петров", message.SenderName);
        var answer = Assert.Single(_vk.CallsOf("messages.sendMessageEventAnswer"));
        Assert.Equal("a1b2c3d4e5f6", answer["event_id"]);
        Assert.Equal("123456789", answer["user_id"]);
        Assert.Equal("123456789", answer["peer_id"]);
    }

    [Fact]
    public async Task A_failed_button_answer_does_not_lose_the_message()
    {
        _vk.Script("messages.sendMessageEventAnswer", FakeResponse.VkError(100, "One of the parameters specified was missing or invalid: event_id"));
        const string button = """
            {"type":"message_event","event_id":"ev-2","v":"5.199","group_id":229000000,"secret":"s3cr3t",
             "object":{"user_id":123456789,"peer_id":123456789,"event_id":"ffff","payload":{"command":"operator"}}}
            """;

        using var response = await _host.PostAndProcessAsync(button);

        await AssertOkAsync(response);
        Assert.Equal("operator", Assert.Single(_host.Pipeline.Stored).Text);
    }

    [Fact]
    public async Task An_edit_changes_the_stored_text_and_an_edit_of_an_unknown_message_is_harmless()
    {
        using var original = await _host.PostAndProcessAsync(VkPayloads.MessageNew);
        const string edit = """
            {"type":"message_edit","event_id":"ed-1","v":"5.199","group_id":229000000,"secret":"s3cr3t",
             "object":{"id":1841,"date":1767225600,"update_time":1767225660,"peer_id":123456789,"from_id":123456789,"out":0,"text":"Где мой заказ 1234?","conversation_message_id":57,"attachments":[],"fwd_messages":[]}}
            """;

        using var edited = await _host.PostAndProcessAsync(edit);
        using var unknown = await _host.PostAndProcessAsync(edit.Replace("\"conversation_message_id\":57", "\"conversation_message_id\":999"));

        await AssertOkAsync(edited);
        await AssertOkAsync(unknown);
        Assert.Equal(2, _host.Pipeline.Edits.Count);
        var applied = _host.Pipeline.Edits[0];
        Assert.Equal("123456789_57", applied.ExternalId);
        Assert.Equal("Где мой заказ 1234?", applied.NewText);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225660), applied.EditedAt);
        Assert.Single(_host.Pipeline.Stored);
    }
}
