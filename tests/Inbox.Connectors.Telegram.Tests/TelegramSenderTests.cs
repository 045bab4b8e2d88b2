using System.Text.Json.Nodes;
using Inbox.Connectors.Telegram.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Inbox.Identity;

namespace Inbox.Connectors.Telegram.Tests;

/// <summary>The outbound side, registered as the host does, against the fake Bot API: sending, splitting, files, error mapping.</summary>
public sealed class TelegramSenderTests : IAsyncLifetime
{
    private static readonly ChannelIdentity Customer = new(IdentityKinds.Telegram, "123456789");
    private readonly TestWorld _world = new();
    private FakeTelegramBotApi _api = null!;
    private ServiceProvider _services = null!;
    private IOutboundChannel _sender = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeTelegramBotApi.StartAsync();
        _services = BuildServices(TelegramTestHost.Settings(_api));
        _sender = _services.GetRequiredService<IOutboundChannel>();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _api.DisposeAsync();
    }

    private ServiceProvider BuildServices(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddProvider(_world.Logs));
        services.AddSingleton(new PhoneNumberNormalizer("RU"));
        services.AddSingleton<IInboundPipeline>(_world.Pipeline);
        services.AddSingleton<IConnectorCursorStore>(_world.Cursors);
        services.AddSingleton<IIdentityReachability>(_world.Reachability);
        Assert.True(new TelegramModule().AddServices(services, configuration));
        return services.BuildServiceProvider();
    }

    private static OutboundMessage Reply(string text, IReadOnlyList<OutboundAttachment>? attachments = null, ChannelIdentity? to = null, Guid? id = null, int attempt = 1) =>
        new(id ?? Guid.NewGuid(), Guid.NewGuid(), ChannelNames.Telegram, to ?? Customer, text, attempt, DateTimeOffset.UtcNow, attachments);

    private static OutboundAttachment File(string name, string contentType, byte[] content) =>
        new(Guid.NewGuid(), name, contentType, content.Length, _ => Task.FromResult<Stream>(new MemoryStream(content)));

    [Fact]
    public void The_sender_serves_the_telegram_channel()
    {
        Assert.Equal("telegram", _sender.Channel);
        Assert.Single(_services.GetServices<IOutboundChannel>());
    }

    [Fact]
    public async Task A_reply_is_sent_with_sendMessage_to_the_identitys_chat_without_a_parse_mode()
    {
        var outcome = await _sender.SendAsync(Reply("Ваш заказ 1234 в пути <b>"), CancellationToken.None);

        var call = Assert.Single(_api.CallsTo("sendMessage"));
        Assert.Equal(123456789, call.Parameters["chat_id"]!.GetValue<long>());
        Assert.Equal("Ваш заказ 1234 в пути <b>", call.Get("text"));
        Assert.Null(call.Get("parse_mode"));
        Assert.Null(call.Get("reply_markup"));
        Assert.Equal(new DeliveryOutcome.Sent("123456789:1001"), outcome);
    }

    [Fact]
    public async Task A_long_reply_is_split_into_messages_of_at_most_4096_units_and_the_first_id_is_returned()
    {
        var paragraph = string.Join(' ', Enumerable.Repeat("Заказ 1234 передан в доставку.", 40)); // ~1200 units
        var text = string.Join('\n', Enumerable.Repeat(paragraph, 8)); // ~9900 units

        var outcome = await _sender.SendAsync(Reply(text), CancellationToken.None);

        var sent = _api.CallsTo("sendMessage").Select(c => c.Get("text")!).ToList();
        Assert.Equal(3, sent.Count);
        Assert.All(sent, piece => Assert.InRange(piece.Length, 1, 4096));
        Assert.Equal(text, string.Concat(sent));
        Assert.All(sent.SkipLast(1), piece => Assert.EndsWith("\n", piece));
        Assert.Equal(new DeliveryOutcome.Sent("123456789:1001"), outcome);
    }

    [Fact]
    public async Task A_split_never_cuts_an_emoji_in_half()
    {
        var text = new string('a', 4095) + "😀" + new string('b', 10);

        await _sender.SendAsync(Reply(text), CancellationToken.None);

        var sent = _api.CallsTo("sendMessage").Select(c => c.Get("text")!).ToList();
        Assert.Equal([new string('a', 4095), "😀" + new string('b', 10)], sent);
    }

    [Fact]
    public async Task Photos_go_with_sendPhoto_and_other_files_with_sendDocument_after_the_text()
    {
        var photo = new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 };
        var pdf = "%PDF-1.4"u8.ToArray();

        var outcome = await _sender.SendAsync(Reply("Вот ваш чек", [File("photo.jpg", "image/jpeg", photo), File("invoice.pdf", "application/pdf", pdf)]), CancellationToken.None);

        Assert.Equal(["sendMessage", "sendPhoto", "sendDocument"], _api.Calls.Select(c => c.Method));
        var sentPhoto = _api.CallsTo("sendPhoto")[0];
        Assert.Equal("123456789", sentPhoto.Get("chat_id"));
        Assert.Equal(photo, sentPhoto.FileFor("photo")!.Content);
        Assert.Equal("photo.jpg", sentPhoto.FileFor("photo")!.FileName);
        var sentDocument = _api.CallsTo("sendDocument")[0];
        Assert.Equal(pdf, sentDocument.FileFor("document")!.Content);
        Assert.Equal("invoice.pdf", sentDocument.FileFor("document")!.FileName);
        Assert.Equal(new DeliveryOutcome.Sent("123456789:1001"), outcome);
    }

    [Fact]
    public async Task A_reply_of_files_only_sends_no_empty_text()
    {
        var outcome = await _sender.SendAsync(Reply("", [File("scan.png", "image/png", [1, 2, 3])]), CancellationToken.None);

        Assert.Equal(["sendPhoto"], _api.Calls.Select(c => c.Method));
        Assert.Equal(new DeliveryOutcome.Sent("123456789:1001"), outcome);
    }

    [Fact]
    public async Task A_reply_marked_to_ask_for_the_phone_number_shows_a_request_contact_button()
    {
        var outcome = await _sender.SendAsync(Reply(TelegramKeyboards.AskForContact("Чтобы найти заказ, поделитесь номером телефона.")), CancellationToken.None);

        var call = Assert.Single(_api.CallsTo("sendMessage"));
        Assert.Equal("Чтобы найти заказ, поделитесь номером телефона.", call.Get("text"));
        var keyboard = call.Parameters["reply_markup"]!.AsObject();
        var button = keyboard["keyboard"]![0]![0]!.AsObject();
        Assert.Equal("Поделиться номером", button["text"]!.GetValue<string>());
        Assert.True(button["request_contact"]!.GetValue<bool>());
        Assert.True(keyboard["one_time_keyboard"]!.GetValue<bool>());
        Assert.IsType<DeliveryOutcome.Sent>(outcome);
    }

    [Fact]
    public async Task A_replys_choices_are_an_inline_keyboard_under_its_last_text_message_and_too_long_data_is_left_out()
    {
        var reply = Reply(new string('а', 5000)) with
        {
            Choices = [new OutboundChoice("1", "csat:1"), new OutboundChoice("5", "csat:5"), new OutboundChoice("x", new string('d', 65))],
        };

        var outcome = await _sender.SendAsync(reply, CancellationToken.None);

        var calls = _api.CallsTo("sendMessage").ToList();
        Assert.Equal(2, calls.Count);
        Assert.False(calls[0].Parameters.ContainsKey("reply_markup"));
        var row = calls[1].Parameters["reply_markup"]!["inline_keyboard"]![0]!.AsArray();
        Assert.Equal(["1", "5"], row.Select(b => b!["text"]!.GetValue<string>()));
        Assert.Equal(["csat:1", "csat:5"], row.Select(b => b!["callback_data"]!.GetValue<string>()));
        Assert.IsType<DeliveryOutcome.Sent>(outcome);
    }

    [Fact]
    public async Task A_429_becomes_Retry_after_retry_after_with_no_hidden_retry()
    {
        _api.Enqueue("sendMessage", FakeResponse.Error(429, "Too Many Requests: retry after 7", retryAfter: 7));

        var outcome = await _sender.SendAsync(Reply("hello"), CancellationToken.None);

        var retry = Assert.IsType<DeliveryOutcome.Retry>(outcome);
        Assert.Equal(TimeSpan.FromSeconds(7), retry.After);
        Assert.Contains("429", retry.Reason);
        Assert.Single(_api.CallsTo("sendMessage"));
    }

    [Fact]
    public async Task A_429_storm_gives_Retry_on_every_attempt_and_the_message_goes_once_the_storm_is_over()
    {
        var id = Guid.NewGuid();
        _api.Enqueue("sendMessage", Enumerable.Range(1, 5).Select(i => FakeResponse.Error(429, $"Too Many Requests: retry after {i}", retryAfter: i)).ToArray());

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var outcome = await _sender.SendAsync(Reply("hello", id: id, attempt: attempt), CancellationToken.None);
            Assert.Equal(TimeSpan.FromSeconds(attempt), Assert.IsType<DeliveryOutcome.Retry>(outcome).After);
        }

        Assert.IsType<DeliveryOutcome.Sent>(await _sender.SendAsync(Reply("hello", id: id, attempt: 6), CancellationToken.None));
        Assert.Equal(6, _api.CallsTo("sendMessage").Count);
    }

    [Theory]
    [InlineData("Forbidden: bot was blocked by the user", "blocked")]
    [InlineData("Forbidden: user is deactivated", "deleted")]
    [InlineData("Forbidden: bot can't initiate conversation with a user", "never started")]
    public async Task A_403_fails_the_reply_and_marks_the_customer_unreachable(string description, string reasonWord)
    {
        _api.Enqueue("sendMessage", FakeResponse.Error(403, description));

        var outcome = await _sender.SendAsync(Reply("hello"), CancellationToken.None);

        var failed = Assert.IsType<DeliveryOutcome.Failed>(outcome);
        Assert.True(failed.RecipientUnreachable);
        Assert.Contains(reasonWord, failed.Reason);
        Assert.Contains(description, failed.Reason);
    }

    [Fact]
    public async Task Another_400_fails_with_Telegrams_description()
    {
        _api.Enqueue("sendMessage", FakeResponse.Error(400, "Bad Request: chat not found"));

        var outcome = await _sender.SendAsync(Reply("hello"), CancellationToken.None);

        var failed = Assert.IsType<DeliveryOutcome.Failed>(outcome);
        Assert.Contains("Bad Request: chat not found", failed.Reason);
        Assert.False(failed.RecipientUnreachable);
    }

    [Fact]
    public async Task A_400_with_migrate_to_chat_id_fails_naming_the_new_chat()
    {
        _api.Enqueue("sendMessage", FakeResponse.Error(400, "Bad Request: group chat was upgraded to a supergroup chat", migrateToChatId: -1001234567890));

        var outcome = await _sender.SendAsync(Reply("hello"), CancellationToken.None);

        var failed = Assert.IsType<DeliveryOutcome.Failed>(outcome);
        Assert.Contains("-1001234567890", failed.Reason);
        Assert.Contains("supergroup", failed.Reason);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task An_html_error_page_becomes_Retry(int status)
    {
        _api.Enqueue("sendMessage", FakeResponse.Html(status));

        var outcome = await _sender.SendAsync(Reply("hello"), CancellationToken.None);

        Assert.Contains($"HTTP {status}", Assert.IsType<DeliveryOutcome.Retry>(outcome).Reason);
    }

    [Fact]
    public async Task A_5xx_envelope_becomes_Retry()
    {
        _api.Enqueue("sendMessage", FakeResponse.Error(500, "Internal Server Error"));

        Assert.IsType<DeliveryOutcome.Retry>(await _sender.SendAsync(Reply("hello"), CancellationToken.None));
    }

    [Fact]
    public async Task A_timeout_becomes_Retry()
    {
        var settings = TelegramTestHost.Settings(_api);
        settings["Channels:Telegram:RequestTimeout"] = "00:00:00.300";
        await using var services = BuildServices(settings);
        _api.Enqueue("sendMessage", FakeResponse.Slow(TimeSpan.FromSeconds(20)));

        var outcome = await services.GetRequiredService<IOutboundChannel>().SendAsync(Reply("hello"), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Retry>(outcome);
    }

    [Fact]
    public async Task An_unreachable_server_becomes_Retry()
    {
        var settings = TelegramTestHost.Settings(_api);
        settings["Channels:Telegram:ApiBaseUrl"] = "http://127.0.0.1:1";
        await using var services = BuildServices(settings);

        var outcome = await services.GetRequiredService<IOutboundChannel>().SendAsync(Reply("hello"), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Retry>(outcome);
    }

    [Fact]
    public async Task A_retry_after_a_failure_in_the_middle_sends_only_the_rest()
    {
        var id = Guid.NewGuid();
        var text = new string('x', 4096) + new string('y', 4096) + "z";
        _api.Enqueue("sendMessage", new FakeResponse(0, ""), FakeResponse.Error(429, "Too Many Requests: retry after 3", retryAfter: 3));

        var first = await _sender.SendAsync(Reply(text, id: id), CancellationToken.None);
        var retry = Assert.IsType<DeliveryOutcome.Retry>(first);
        Assert.Equal(TimeSpan.FromSeconds(3), retry.After);
        Assert.Contains("1 of 3", retry.Reason);

        var second = await _sender.SendAsync(Reply(text, id: id, attempt: 2), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Sent("123456789:1001"), second);
        var texts = _api.CallsTo("sendMessage").Select(c => c.Get("text")![0]).ToList();
        Assert.Equal(['x', 'y', 'y', 'z'], texts); // x once; y refused once, then sent; z
    }

    [Theory]
    [InlineData("phone", "+79123456789")]
    [InlineData("telegram", "@ivan")]
    public async Task A_recipient_that_is_not_a_telegram_chat_id_fails(string kind, string value)
    {
        var outcome = await _sender.SendAsync(Reply("hello", to: new ChannelIdentity(kind, value)), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Failed>(outcome);
        Assert.Empty(_api.Calls);
    }

    [Fact]
    public async Task An_empty_reply_fails_without_calling_Telegram()
    {
        Assert.IsType<DeliveryOutcome.Failed>(await _sender.SendAsync(Reply("  \n "), CancellationToken.None));
        Assert.Empty(_api.Calls);
    }

    [Fact]
    public async Task A_missing_attachment_fails_with_its_name()
    {
        var missing = new OutboundAttachment(Guid.NewGuid(), "gone.pdf", "application/pdf", 10, _ => throw new FileNotFoundException("Attachment is missing."));

        var outcome = await _sender.SendAsync(Reply("", [missing]), CancellationToken.None);

        Assert.Contains("gone.pdf", Assert.IsType<DeliveryOutcome.Failed>(outcome).Reason);
    }

    [Fact]
    public async Task A_group_chat_id_is_sent_as_a_negative_number()
    {
        await _sender.SendAsync(Reply("hello", to: new ChannelIdentity(IdentityKinds.Telegram, "-1001234567890")), CancellationToken.None);

        Assert.Equal(-1001234567890, _api.CallsTo("sendMessage")[0].Parameters["chat_id"]!.GetValue<long>());
    }

    [Fact]
    public void The_request_contact_keyboard_has_the_Bot_API_shape()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(TelegramKeyboards.RequestContact("Поделиться номером"), global::Telegram.Bot.JsonBotAPI.Options);

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"keyboard":[[{"text":"Поделиться номером","request_contact":true}]],"resize_keyboard":true,"one_time_keyboard":true}"""),
            JsonNode.Parse(json)));
    }
}
