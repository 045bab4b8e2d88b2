using Inbox.Web.Logging;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Inbox.Web.Tests;

/// <summary>Product rule 6: phone numbers, emails and message texts never reach the logs in clear.</summary>
public sealed class LogMaskingTests
{
    [Theory]
    [InlineData("+79161234567", "+7********67")]
    [InlineData("8 916 123-45-67", "8 *** ***-**-67")]
    [InlineData("ivan.petrov@example.com", "i***@example.com")]
    [InlineData("identity phone:+79161234567 wrote", "identity phone:+7********67 wrote")]
    [InlineData("79161234567", "7********67")]
    [InlineData("order 1048576 is late", "order 1048576 is late")]
    [InlineData("delivery on 2026-12-03 10:00", "delivery on 2026-12-03 10:00")]
    [InlineData("no contacts here", "no contacts here")]
    [InlineData("8.916.777.66.55", "8.***.***.**.55")]
    [InlineData("+7.916.777.66.54", "+7.***.***.**.54")]
    [InlineData("\uFF18\uFF19\uFF11\uFF16\uFF17\uFF17\uFF17\uFF16\uFF16\uFF15\uFF15", "\uFF18********\uFF15\uFF15")]
    [InlineData("\uFF0B\uFF17 \uFF19\uFF11\uFF16 \uFF11\uFF12\uFF13\uFF0D\uFF14\uFF15\uFF0D\uFF16\uFF17", "\uFF0B\uFF17 *** ***\uFF0D**\uFF0D\uFF16\uFF17")]
    [InlineData("peer 192.168.100.200 connected", "peer 192.168.100.200 connected")]
    [InlineData("version 10.0.100", "version 10.0.100")]
    public void Contacts_inside_values_are_masked(string value, string expected) =>
        Assert.Equal(expected, SensitiveDataMasker.MaskContacts(value));

    [Theory]
    [InlineData("https://api.telegram.org/bot123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getUpdates", "https://api.telegram.org/bot***/getUpdates")]
    [InlineData("https://api.telegram.org/file/bot123456:AAH-x_y/photos/file_1.jpg", "https://api.telegram.org/file/bot***/photos/file_1.jpg")]
    [InlineData("http://127.0.0.1:5000/bot42%3Asecret/sendMessage", "http://127.0.0.1:5000/bot***/sendMessage")]
    [InlineData("https://lp.vk.com/wh229?act=a_check&key=abcdef0123&ts=17&wait=25", "https://lp.vk.com/wh229?act=a_check&key=***&ts=17&wait=25")]
    [InlineData("https://api.vk.com/method/users.get?access_token=vk1.a.XYZ&v=5.199", "https://api.vk.com/method/users.get?access_token=***&v=5.199")]
    [InlineData("imaps://inbox:hunter22@mail.example.com/INBOX", "imaps://inbox:***@mail.example.com/INBOX")]
    [InlineData("https://example.com/bottles/12", "https://example.com/bottles/12")]
    public void Secrets_in_urls_are_redacted(string url, string expected) =>
        Assert.Equal(expected, SensitiveDataMasker.MaskContacts(url));

    [Fact]
    public void Configured_secrets_are_found_by_their_setting_names_and_redacted_anywhere()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Channels:Telegram:BotToken"] = "123456:TEST-token",
            ["Channels:Vk:Secret"] = "s3cr3t-vk",
            ["Channels:Api:CallbackSecret"] = "callback-key",
            ["Telephony:Mango:ApiSalt"] = "mango-salt",
            ["Orders:RetailCrm:ApiKey"] = "crm-key-1",
            ["DataProtection:KeysPath"] = "/var/keys",
            ["Channels:Vk:GroupId"] = "229000000",
            ["Demo:Password"] = "abc",
        }).Build();

        var secrets = ConfiguredSecrets.From(configuration);

        // KeysPath is no secret, a group id is not named like one, and "abc" is too short to mask
        Assert.Equal(new[] { "123456:TEST-token", "callback-key", "crm-key-1", "mango-salt", "s3cr3t-vk" }, secrets.Values.Order(StringComparer.Ordinal));
        Assert.Equal("POST /webhooks/cti/*** failed: key ***, group 229000000", secrets.Redact("POST /webhooks/cti/crm-key-1 failed: key s3cr3t-vk, group 229000000"));
    }

    [Fact]
    public void The_console_line_is_redacted_whole_exception_included()
    {
        var secrets = new ConfiguredSecrets(["vk-access-token-1"]);
        var sink = new CollectingSink();
        using var logger = new LoggerConfiguration().Enrich.With(new SensitiveDataEnricher(secrets)).WriteTo.Sink(sink).CreateLogger();
        logger.Warning(new HttpRequestException("GET https://api.telegram.org/bot123456:AAH/getMe with vk-access-token-1 failed"),
            "Sending HTTP request {HttpMethod} {Uri}", "GET", new Uri("https://api.telegram.org/bot123456:AAH/getUpdates?offset=1"));

        var formatter = new RedactingFormatter(new Serilog.Formatting.Display.MessageTemplateTextFormatter("{Message:lj} {Exception}"), secrets);
        using var line = new StringWriter();
        formatter.Format(Assert.Single(sink.Events), line);

        Assert.DoesNotContain("AAH", line.ToString());
        Assert.DoesNotContain("vk-access-token-1", line.ToString());
        Assert.Contains("https://api.telegram.org/bot***/getUpdates?offset=1", line.ToString());
        Assert.Contains("HttpRequestException", line.ToString());
    }

    [Theory]
    [InlineData(0.001, false)]
    [InlineData(60.0 * 24 * 365, true)]
    public void A_watchdog_stall_longer_than_the_process_has_lived_is_dropped(double minutes, bool dropped)
    {
        var stall = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Warning, null,
            new Serilog.Parsing.MessageTemplateParser().Parse("Participant check thread has not completed for {TimeSinceLastTick}, potentially indicating lock contention"),
            [new LogEventProperty("SourceContext", new ScalarValue("Orleans.Runtime.Watchdog")), new LogEventProperty("TimeSinceLastTick", new ScalarValue(TimeSpan.FromMinutes(minutes)))]);

        Assert.Equal(dropped, StartupNoiseFilter.IsNoise(stall));
    }

    [Fact]
    public void A_logged_event_carries_no_phone_email_or_text()
    {
        var sink = new CollectingSink();
        using var logger = new LoggerConfiguration().Enrich.With<SensitiveDataEnricher>().WriteTo.Sink(sink).CreateLogger();

        logger.Information("Message from {Identity} <{Email}>: {Text}; {@Customer}", "phone:+79161234567", "ivan@example.com",
            "my card is 4276 1234 5678 9012", new { Phone = "+79169876543", Name = "Ivan" });

        var rendered = Assert.Single(sink.Events).RenderMessage();
        Assert.DoesNotContain("79161234567", rendered);
        Assert.DoesNotContain("ivan@example.com", rendered);
        Assert.DoesNotContain("4276", rendered);
        Assert.DoesNotContain("79169876543", rendered);
        Assert.Contains("[text: 30 chars]", rendered);
        Assert.Contains("Ivan", rendered);
    }

    private sealed class CollectingSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}
