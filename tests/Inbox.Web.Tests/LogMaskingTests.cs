using Inbox.Web.Logging;
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
    public void Contacts_inside_values_are_masked(string value, string expected) =>
        Assert.Equal(expected, SensitiveDataMasker.MaskContacts(value));

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
