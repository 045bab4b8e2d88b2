using Inbox.Connectors.Twilio.Tests.Infrastructure;
using Inbox.Identity;

namespace Inbox.Connectors.Twilio.Tests;

/// <summary>Sending by SMS and WhatsApp against the fake Twilio REST API: the form, the outcomes, and retries that never double a message.</summary>
public sealed class TwilioOutboundTests : IAsyncLifetime
{
    private static readonly ChannelIdentity Customer = new(IdentityKinds.Phone, "+79123456789");
    private TwilioTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TwilioTestHost.StartAsync(new Dictionary<string, string?>
    {
        ["Channels:Twilio:RequestTimeout"] = "00:00:02",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_sms_is_created_with_basic_auth_and_a_status_callback()
    {
        var outcome = await SendAsync(ChannelNames.Sms, "Ваш заказ 1048576 в пути");

        var sent = Assert.IsType<DeliveryOutcome.Sent>(outcome);
        var (form, credentialsValid) = Assert.Single(_host.Twilio.CreateRequests);
        Assert.True(credentialsValid);
        Assert.Equal(sent.ProviderMessageId, Assert.Single(_host.Twilio.Messages).Sid);
        Assert.StartsWith("SM", sent.ProviderMessageId);
        Assert.Equal(["+79123456789"], form["To"]);
        Assert.Equal(["+15005550006"], form["From"]);
        Assert.Equal(["Ваш заказ 1048576 в пути"], form["Body"]);
        Assert.Equal(["https://inbox.example.com/webhooks/twilio/status"], form["StatusCallback"]);
        Assert.False(form.ContainsKey("MediaUrl"));
    }

    [Fact]
    public async Task A_whatsapp_message_goes_to_and_from_whatsapp_addresses()
    {
        var outcome = await SendAsync(ChannelNames.WhatsApp, "Готово");

        Assert.IsType<DeliveryOutcome.Sent>(outcome);
        var (form, _) = Assert.Single(_host.Twilio.CreateRequests);
        Assert.Equal(["whatsapp:+79123456789"], form["To"]);
        Assert.Equal(["whatsapp:+15005550006"], form["From"]);
    }

    [Theory]
    [InlineData(21211, "not a valid phone number", false)]
    [InlineData(21614, "not a mobile number", false)]
    [InlineData(21610, "STOP", true)]
    [InlineData(21408, "Geo Permissions", false)]
    [InlineData(63016, "template", false)]
    public async Task Refusals_fail_with_the_reason_of_their_code(int code, string words, bool unreachable)
    {
        _host.Twilio.AnswerNextCreate(new FakeTwilioAnswer(400, code, "Twilio's message"));

        var outcome = await SendAsync(ChannelNames.Sms, "Привет");

        var failed = Assert.IsType<DeliveryOutcome.Failed>(outcome);
        Assert.Contains(words, failed.Reason);
        Assert.Contains($"Twilio error {code}", failed.Reason);
        Assert.Equal(unreachable, failed.RecipientUnreachable);
        Assert.Empty(_host.Twilio.Messages);
    }

    [Fact]
    public async Task An_unknown_code_fails_with_Twilios_words_and_numbers_masked()
    {
        _host.Twilio.AnswerNextCreate(new FakeTwilioAnswer(400, 21999, "The 'To' number +79123456789 is odd"));

        var failed = Assert.IsType<DeliveryOutcome.Failed>(await SendAsync(ChannelNames.Sms, "Привет"));

        Assert.Equal("Twilio did not take the message: The 'To' number [number] is odd (Twilio error 21999).", failed.Reason);
    }

    [Fact]
    public async Task A_rate_limit_is_retried_after_Twilios_delay()
    {
        _host.Twilio.AnswerNextCreate(new FakeTwilioAnswer(429, 20429, "Too Many Requests", RetryAfter: "7"));

        var retry = Assert.IsType<DeliveryOutcome.Retry>(await SendAsync(ChannelNames.Sms, "Привет"));

        Assert.Equal(TimeSpan.FromSeconds(7), retry.After);
        Assert.Contains("Twilio error 20429", retry.Reason);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Server_errors_are_retried(int status)
    {
        _host.Twilio.AnswerNextCreate(new FakeTwilioAnswer(status, RawBody: "<html>Bad gateway</html>"));

        var retry = Assert.IsType<DeliveryOutcome.Retry>(await SendAsync(ChannelNames.Sms, "Привет"));

        Assert.Contains($"HTTP {status}", retry.Reason);
    }

    [Fact]
    public async Task A_timeout_is_retried()
    {
        _host.Twilio.AnswerNextCreate(new FakeTwilioAnswer(201, Hang: true));

        var retry = Assert.IsType<DeliveryOutcome.Retry>(await SendAsync(ChannelNames.Sms, "Привет"));

        Assert.Contains("could not be reached", retry.Reason);
    }

    [Fact]
    public async Task An_unreachable_Twilio_is_retried()
    {
        int closedPort;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var host = await TwilioTestHost.StartAsync(new Dictionary<string, string?> { ["Channels:Twilio:ApiBaseUrl"] = $"http://127.0.0.1:{closedPort}" });
        var retry = Assert.IsType<DeliveryOutcome.Retry>(await host.Sender(ChannelNames.Sms).SendAsync(Message(ChannelNames.Sms, "Привет"), CancellationToken.None));

        Assert.Contains("could not be reached", retry.Reason);
    }

    [Fact]
    public async Task Wrong_credentials_are_retried_with_a_reason_for_the_administrator()
    {
        await using var host = await TwilioTestHost.StartAsync(new Dictionary<string, string?> { ["Channels:Twilio:AuthToken"] = "wrong" });

        var retry = Assert.IsType<DeliveryOutcome.Retry>(await host.Sender(ChannelNames.Sms).SendAsync(Message(ChannelNames.Sms, "Привет"), CancellationToken.None));

        Assert.Contains("AuthToken", retry.Reason);
        Assert.False(Assert.Single(host.Twilio.CreateRequests).CredentialsValid);
    }

    [Fact]
    public async Task A_retry_after_a_5xx_that_went_out_reports_it_sent_instead_of_sending_twice()
    {
        _host.Twilio.AnswerNextCreate(new FakeTwilioAnswer(500, CreateAnyway: true));
        var message = Message(ChannelNames.WhatsApp, "Ваш заказ готов");

        Assert.IsType<DeliveryOutcome.Retry>(await _host.Sender(ChannelNames.WhatsApp).SendAsync(message, CancellationToken.None));
        var second = await _host.Sender(ChannelNames.WhatsApp).SendAsync(message with { Attempt = 2 }, CancellationToken.None);

        var sent = Assert.IsType<DeliveryOutcome.Sent>(second);
        var only = Assert.Single(_host.Twilio.Messages);
        Assert.Equal(only.Sid, sent.ProviderMessageId);
        Assert.Single(_host.Twilio.CreateRequests);
        Assert.Contains("To=whatsapp%3A%2B79123456789", Assert.Single(_host.Twilio.ListRequests).Query);
    }

    [Fact]
    public async Task A_retry_after_a_rate_limit_sends_once()
    {
        _host.Twilio.AnswerNextCreate(new FakeTwilioAnswer(429, 20429, "Too Many Requests"));
        var message = Message(ChannelNames.Sms, "Привет");

        Assert.IsType<DeliveryOutcome.Retry>(await _host.Sender(ChannelNames.Sms).SendAsync(message, CancellationToken.None));
        Assert.IsType<DeliveryOutcome.Sent>(await _host.Sender(ChannelNames.Sms).SendAsync(message with { Attempt = 2 }, CancellationToken.None));

        Assert.Single(_host.Twilio.Messages);
    }

    [Fact]
    public async Task An_earlier_identical_reply_written_before_this_one_is_not_mistaken_for_it()
    {
        Assert.IsType<DeliveryOutcome.Sent>(await SendAsync(ChannelNames.Sms, "Спасибо!"));
        var later = Message(ChannelNames.Sms, "Спасибо!") with { CreatedAt = DateTimeOffset.UtcNow.AddMinutes(1), Attempt = 2 };

        var sent = Assert.IsType<DeliveryOutcome.Sent>(await _host.Sender(ChannelNames.Sms).SendAsync(later, CancellationToken.None));

        Assert.Equal(2, _host.Twilio.Messages.Count);
        Assert.Equal(_host.Twilio.Messages[1].Sid, sent.ProviderMessageId);
    }

    [Fact]
    public async Task When_the_earlier_attempt_cannot_be_checked_nothing_is_sent_yet()
    {
        _host.Twilio.AnswerNextList(500);

        var retry = Assert.IsType<DeliveryOutcome.Retry>(await _host.Sender(ChannelNames.Sms).SendAsync(Message(ChannelNames.Sms, "Привет") with { Attempt = 2 }, CancellationToken.None));

        Assert.Contains("could not check", retry.Reason);
        Assert.Empty(_host.Twilio.CreateRequests);
    }

    [Fact]
    public async Task Up_to_1600_characters_are_sent_and_longer_replies_refused()
    {
        Assert.IsType<DeliveryOutcome.Sent>(await SendAsync(ChannelNames.Sms, new string('я', 1600)));

        var failed = Assert.IsType<DeliveryOutcome.Failed>(await SendAsync(ChannelNames.WhatsApp, new string('я', 1601)));

        Assert.Contains("1601 characters", failed.Reason);
        Assert.Contains("1600", failed.Reason);
        Assert.Single(_host.Twilio.CreateRequests);
    }

    [Fact]
    public async Task Files_are_refused_because_there_is_no_public_url_for_them_yet()
    {
        var file = new OutboundAttachment(Guid.NewGuid(), "invoice.pdf", "application/pdf", 3, _ => Task.FromResult<Stream>(new MemoryStream([1, 2, 3])));
        var message = Message(ChannelNames.WhatsApp, "Счёт") with { Attachments = [file] };

        var failed = Assert.IsType<DeliveryOutcome.Failed>(await _host.Sender(ChannelNames.WhatsApp).SendAsync(message, CancellationToken.None));

        Assert.Contains("Files cannot be sent", failed.Reason);
        Assert.Empty(_host.Twilio.CreateRequests);
    }

    [Fact]
    public async Task Only_phone_numbers_can_be_written_to()
    {
        var message = Message(ChannelNames.Sms, "Привет") with { Recipient = new ChannelIdentity(IdentityKinds.Telegram, "123456789") };

        var failed = Assert.IsType<DeliveryOutcome.Failed>(await _host.Sender(ChannelNames.Sms).SendAsync(message, CancellationToken.None));

        Assert.Contains("phone number", failed.Reason);
        Assert.Empty(_host.Twilio.CreateRequests);
    }

    [Fact]
    public async Task A_messaging_service_sender_is_sent_as_MessagingServiceSid()
    {
        await using var host = await TwilioTestHost.StartAsync(new Dictionary<string, string?> { ["Channels:Twilio:SmsFrom"] = "MG0123456789abcdef0123456789abcdef" });

        var sent = await host.Sender(ChannelNames.Sms).SendAsync(Message(ChannelNames.Sms, "Привет"), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Sent>(sent);
        var (form, _) = Assert.Single(host.Twilio.CreateRequests);
        Assert.Equal(["MG0123456789abcdef0123456789abcdef"], form["MessagingServiceSid"]);
        Assert.False(form.ContainsKey("From"));
    }

    private Task<DeliveryOutcome> SendAsync(string channel, string text) =>
        _host.Sender(channel).SendAsync(Message(channel, text), CancellationToken.None);

    private static OutboundMessage Message(string channel, string text) =>
        new(Guid.NewGuid(), Guid.NewGuid(), channel, Customer, text, 1, DateTimeOffset.UtcNow.AddMinutes(-1));
}
