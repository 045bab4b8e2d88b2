using System.Diagnostics;
using System.Text;
using Inbox.Connectors.Vk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Inbox.Identity;

namespace Inbox.Connectors.Vk.Tests;

/// <summary>The "vk" IOutboundChannel as the host resolves it, against the fake VK API (errors come with HTTP 200).</summary>
public sealed class VkOutboundTests : IAsyncLifetime
{
    private static readonly ChannelIdentity Customer = new(IdentityKinds.Vk, "123456789");
    private FakeVk _vk = null!;
    private VkTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _vk = await FakeVk.StartAsync();
        _host = await VkTestHost.StartAsync(_vk);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _vk.DisposeAsync();
    }

    private static IOutboundChannel ChannelOf(VkTestHost host) =>
        Assert.Single(host.Services.GetServices<IOutboundChannel>(), c => c.Channel == ChannelNames.Vk);

    private IOutboundChannel Channel => ChannelOf(_host);

    private static OutboundMessage Reply(string text, Guid? id = null, int attempt = 1, ChannelIdentity? to = null, IReadOnlyList<OutboundAttachment>? files = null) =>
        new(id ?? Guid.NewGuid(), Guid.NewGuid(), ChannelNames.Vk, to ?? Customer, text, attempt, DateTimeOffset.UtcNow, files);

    private static OutboundAttachment File(string name, string contentType, byte[] content) =>
        new(Guid.NewGuid(), name, contentType, content.Length, _ => Task.FromResult<Stream>(new MemoryStream(content)));

    [Fact]
    public async Task A_reply_is_sent_with_peer_id_message_a_derived_random_id_and_the_token()
    {
        var reply = Reply("Ваш заказ 1234 в пути");

        var outcome = await Channel.SendAsync(reply, CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Sent("1842"), outcome);
        var call = Assert.Single(_vk.CallsOf("messages.send"));
        Assert.Equal("123456789", call["peer_id"]);
        Assert.Equal("Ваш заказ 1234 в пути", call["message"]);
        Assert.Equal(VkRandomId.For(reply.MessageId, 0).ToString(), call["random_id"]);
        Assert.Equal("vk1.a.test-community-token", call["access_token"]);
        Assert.Equal("5.199", call["v"]);
    }

    [Fact]
    public async Task A_replys_choices_are_an_inline_keyboard_of_text_buttons_with_a_command_payload()
    {
        var reply = Reply("Оцените, пожалуйста") with
        {
            Choices = [.. Enumerable.Range(1, 6).Select(n => new OutboundChoice($"{n}", $"csat:{n}")), new OutboundChoice(new string('x', 41), "too-long-label")],
        };

        var outcome = await Channel.SendAsync(reply, CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Sent>(outcome);
        using var keyboard = System.Text.Json.JsonDocument.Parse(Assert.Single(_vk.CallsOf("messages.send"))["keyboard"]);
        Assert.True(keyboard.RootElement.GetProperty("inline").GetBoolean());
        var rows = keyboard.RootElement.GetProperty("buttons").EnumerateArray().Select(r => r.EnumerateArray().Select(b => b.GetProperty("action")).ToList()).ToList();
        Assert.Equal([5, 1], rows.Select(r => r.Count));
        var first = rows[0][0];
        Assert.Equal(("text", "1", """{"command":"csat:1"}"""), (first.GetProperty("type").GetString(), first.GetProperty("label").GetString(), first.GetProperty("payload").GetString()));
    }

    [Fact]
    public async Task A_reply_without_choices_sends_no_keyboard()
    {
        await Channel.SendAsync(Reply("Без кнопок"), CancellationToken.None);

        Assert.False(Assert.Single(_vk.CallsOf("messages.send")).Form.ContainsKey("keyboard"));
    }

    [Fact]
    public async Task Retries_reuse_the_random_id_so_vk_delivers_the_reply_once()
    {
        _vk.Script("messages.send", FakeResponse.VkError(10, "Internal server error"));
        var id = Guid.NewGuid();

        var first = await Channel.SendAsync(Reply("hello", id, attempt: 1), CancellationToken.None);
        var second = await Channel.SendAsync(Reply("hello", id, attempt: 2), CancellationToken.None);
        var third = await Channel.SendAsync(Reply("hello", id, attempt: 3), CancellationToken.None); // an answer lost on our side

        Assert.IsType<DeliveryOutcome.Retry>(first);
        Assert.Equal(new DeliveryOutcome.Sent("1842"), second);
        Assert.Equal(new DeliveryOutcome.Sent("1842"), third);
        Assert.Single(_vk.CallsOf("messages.send").Select(c => c["random_id"]).Distinct());
        Assert.Single(_vk.Sent);
    }

    [Fact]
    public async Task The_flood_control_error_of_the_example_is_retried_minutes_later()
    {
        _vk.Script("messages.send", FakeResponse.Json(VkPayloads.FloodControlError));

        var outcome = await Channel.SendAsync(Reply("hello"), CancellationToken.None);

        var retry = Assert.IsType<DeliveryOutcome.Retry>(outcome);
        Assert.Equal(TimeSpan.FromMinutes(5), retry.After);
        Assert.Contains("flood control", retry.Reason);
    }

    [Theory]
    [InlineData(6, "Too many requests per second", true, false)]
    [InlineData(10, "Internal server error", true, false)]
    [InlineData(1, "Unknown error occurred", true, false)]
    [InlineData(5, "User authorization failed: invalid access_token (4).", false, false)]
    [InlineData(14, "Captcha needed", false, false)]
    [InlineData(100, "One of the parameters specified was missing or invalid: peer_id", false, false)]
    [InlineData(900, "Can't send messages for users from blacklist", false, true)]
    [InlineData(901, "Can't send messages for users without permission", false, true)]
    [InlineData(902, "Can't send messages to this user due to their privacy settings", false, true)]
    [InlineData(914, "Message is too long", false, false)]
    [InlineData(935, "User not found in chat", false, false)]
    public async Task Vk_errors_that_come_with_http_200_follow_the_error_table(int code, string message, bool retry, bool unreachable)
    {
        _vk.Script("messages.send", FakeResponse.VkError(code, message));

        var outcome = await Channel.SendAsync(Reply("hello"), CancellationToken.None);

        if (retry)
        {
            Assert.IsType<DeliveryOutcome.Retry>(outcome);
        }
        else
        {
            var failed = Assert.IsType<DeliveryOutcome.Failed>(outcome);
            Assert.Equal(unreachable, failed.RecipientUnreachable);
            Assert.NotEmpty(failed.Reason);
        }

        Assert.Empty(_vk.Sent);
    }

    [Fact]
    public async Task Error_6_is_retried_after_about_a_second()
    {
        _vk.Script("messages.send", FakeResponse.VkError(6, "Too many requests per second"));

        var outcome = await Channel.SendAsync(Reply("hello"), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(1), Assert.IsType<DeliveryOutcome.Retry>(outcome).After);
    }

    [Fact]
    public async Task An_invalid_token_fails_in_words_an_operator_understands()
    {
        _vk.Script("messages.send", FakeResponse.VkError(5, "User authorization failed: invalid access_token (4)."));

        var outcome = await Channel.SendAsync(Reply("hello"), CancellationToken.None);

        Assert.StartsWith("the VK access token is invalid", Assert.IsType<DeliveryOutcome.Failed>(outcome).Reason);
    }

    [Fact]
    public async Task Other_errors_fail_with_vks_message()
    {
        _vk.Script("messages.send", FakeResponse.VkError(100, "One of the parameters specified was missing or invalid: peer_id"));

        var outcome = await Channel.SendAsync(Reply("hello"), CancellationToken.None);

        Assert.Contains("peer_id", Assert.IsType<DeliveryOutcome.Failed>(outcome).Reason);
    }

    [Theory]
    [InlineData(500, null)]
    [InlineData(502, null)]
    [InlineData(503, "12")]
    [InlineData(429, "7")]
    public async Task Http_failures_are_retried_with_retry_after(int status, string? retryAfter)
    {
        _vk.Script("messages.send", new FakeResponse(status, "<html>busy</html>", RetryAfter: retryAfter));

        var outcome = await Channel.SendAsync(Reply("hello"), CancellationToken.None);

        var retry = Assert.IsType<DeliveryOutcome.Retry>(outcome);
        Assert.Equal(retryAfter is null ? null : TimeSpan.FromSeconds(int.Parse(retryAfter)), retry.After);
    }

    [Fact]
    public async Task A_timeout_is_retried()
    {
        await using var host = await VkTestHost.StartAsync(_vk, s => s["Channels:Vk:RequestTimeout"] = "00:00:01");
        _vk.Script("messages.send", new FakeResponse(200, """{"response":1}""", Delay: TimeSpan.FromSeconds(20)));

        var outcome = await ChannelOf(host).SendAsync(Reply("hello"), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Retry>(outcome);
    }

    [Fact]
    public async Task An_unreadable_answer_is_retried()
    {
        _vk.Script("messages.send", new FakeResponse(200, "<html>proxy error</html>"));

        var outcome = await Channel.SendAsync(Reply("hello"), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Retry>(outcome);
    }

    [Fact]
    public async Task A_long_reply_is_split_and_a_retry_after_a_partial_send_doubles_nothing()
    {
        var words = string.Join(' ', Enumerable.Range(0, 1000).Select(i => $"слово{i}"));
        Assert.InRange(words.Length, 2 * 4096 + 1, 3 * 4096 - 100);
        var id = Guid.NewGuid();
        _vk.Script("messages.send", FakeResponse.Ordinary, FakeResponse.VkError(10, "Internal server error"));

        var first = await Channel.SendAsync(Reply(words, id, attempt: 1), CancellationToken.None);
        var second = await Channel.SendAsync(Reply(words, id, attempt: 2), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Retry>(first);
        Assert.IsType<DeliveryOutcome.Sent>(second);
        var parts = _vk.Sent.Where(m => m.Text is not null).ToList();
        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.True(p.Text!.Length <= 4096));
        Assert.Equal(words, string.Join(' ', parts.Select(p => p.Text)));
        Assert.Equal(Enumerable.Range(0, 3).Select(i => VkRandomId.For(id, i).ToString()), parts.Select(p => p.RandomId));
        // Part 1 was sent twice (first attempt, retry) with the same random_id: VK delivered it once.
        Assert.Equal(2, _vk.CallsOf("messages.send").Count(c => c["random_id"] == parts[0].RandomId));
    }

    [Fact]
    public async Task A_recipient_that_is_not_a_vk_user_fails_without_calling_vk()
    {
        var outcome = await Channel.SendAsync(Reply("hello", to: new ChannelIdentity(IdentityKinds.Telegram, "123")), CancellationToken.None);
        var notNumeric = await Channel.SendAsync(Reply("hello", to: new ChannelIdentity(IdentityKinds.Vk, "durov")), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Failed>(outcome);
        Assert.IsType<DeliveryOutcome.Failed>(notNumeric);
        Assert.Empty(_vk.Calls);
    }

    [Fact]
    public async Task An_empty_reply_fails()
    {
        Assert.IsType<DeliveryOutcome.Failed>(await Channel.SendAsync(Reply("   "), CancellationToken.None));
        Assert.Empty(_vk.Calls);
    }

    [Fact]
    public async Task A_photo_is_uploaded_saved_and_attached()
    {
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x10, 0x20 };

        var outcome = await Channel.SendAsync(Reply("Вот фото", files: [File("box.jpg", "image/jpeg", jpeg)]), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Sent>(outcome);
        Assert.Equal("123456789", Assert.Single(_vk.CallsOf("photos.getMessagesUploadServer"))["peer_id"]);
        var upload = Assert.Single(_vk.Uploads);
        Assert.Equal(("photo", "photo", "box.jpg"), (upload.Kind, upload.FieldName, upload.FileName));
        Assert.Equal(jpeg, upload.Content);
        var save = Assert.Single(_vk.CallsOf("photos.saveMessagesPhoto"));
        Assert.Equal(("853219", "9f8e7d6c"), (save["server"], save["hash"]));
        Assert.StartsWith("[{", save["photo"]);
        var sent = Assert.Single(_vk.Sent);
        Assert.Equal("Вот фото", sent.Text);
        Assert.Equal("photo-229000000_457239999_k1", sent.Attachment);
    }

    [Fact]
    public async Task Another_file_is_sent_as_a_document()
    {
        var outcome = await Channel.SendAsync(Reply("", files: [File("invoice.pdf", "application/pdf", Encoding.ASCII.GetBytes("%PDF"))]), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Sent>(outcome);
        var upload = Assert.Single(_vk.Uploads);
        Assert.Equal(("doc", "file"), (upload.Kind, upload.FieldName));
        Assert.Equal("invoice.pdf", Assert.Single(_vk.CallsOf("docs.save"))["title"]);
        var sent = Assert.Single(_vk.Sent);
        Assert.Null(sent.Text);
        Assert.Equal("doc-229000000_660000001", sent.Attachment);
    }

    [Fact]
    public async Task An_upload_server_failure_is_retried_and_nothing_is_sent()
    {
        _vk.Script("photos.getMessagesUploadServer", new FakeResponse(503, "busy"));

        var outcome = await Channel.SendAsync(Reply("Вот фото", files: [File("box.jpg", "image/jpeg", [1, 2, 3])]), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Retry>(outcome);
        Assert.Empty(_vk.Sent);
    }

    [Fact]
    public async Task Calls_with_one_token_share_one_rate_limit()
    {
        await using var host = await VkTestHost.StartAsync(_vk, s => s["Channels:Vk:RequestsPerSecond"] = "3");
        var channel = ChannelOf(host);

        var clock = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 7).Select(i => channel.SendAsync(Reply($"m{i}"), CancellationToken.None)));
        clock.Stop();

        Assert.All(outcomes, o => Assert.IsType<DeliveryOutcome.Sent>(o));
        // 3 per second: calls 1-3 at once, 4-6 a second later, 7 two seconds later.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"7 calls at 3/s took only {clock.Elapsed}");
    }
}
