using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Inbox.Connectors.Testing;

namespace Inbox.Connectors.Telegram.Tests;

public sealed class TelegramChannelRegistrationTests
{
    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("Channels:Telegram:" + v.Key, v.Value))).Build();

    [Fact]
    public void Without_a_bot_token_the_channel_is_off_and_nothing_is_registered()
    {
        var services = new ServiceCollection();

        Assert.False(new TelegramModule().AddServices(services, Configuration(("WebhookSecret", "s"), ("Mode", "Polling"))));
        Assert.Empty(services);
    }

    [Fact]
    public void Webhook_mode_is_the_default_and_runs_no_poller()
    {
        var services = new ServiceCollection();

        Assert.True(new TelegramModule().AddServices(services, Configuration(("BotToken", "123456:TEST"))));

        Assert.Contains(services, s => s.ServiceType == typeof(IOutboundChannel));
        Assert.DoesNotContain(services, s => s.ImplementationType == typeof(TelegramPollingService));
        Assert.Contains(services, s => s.ServiceType == typeof(Inbox.Connectors.Webhooks.IWebhookHandler) && s.ServiceKey as string == ChannelNames.Telegram);
        using var provider = services.AddLogging().BuildServiceProvider();
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelegramChannelOptions>>().Value;
        Assert.Equal(TelegramMode.Webhook, options.Mode);
        Assert.Equal("https://api.telegram.org", options.ApiBaseUrl);
        Assert.Equal(25, options.PollTimeoutSeconds);
    }

    [Fact]
    public void Polling_mode_registers_the_poller()
    {
        var services = new ServiceCollection();

        Assert.True(new TelegramModule().AddServices(services, Configuration(("BotToken", "123456:TEST"), ("Mode", "Polling"))));

        Assert.Contains(services, s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(TelegramPollingService));
    }

    [Theory]
    [InlineData("not-a-token", null)]
    [InlineData("abc:def", null)]
    [InlineData("123456:TEST", "not a url")]
    public void A_malformed_token_or_base_url_stops_the_start_with_a_clear_message(string token, string? baseUrl)
    {
        var services = new ServiceCollection();

        Assert.True(new TelegramModule().AddServices(services, Configuration(("BotToken", token), ("ApiBaseUrl", baseUrl))));

        var error = Assert.Throws<OptionsValidationException>(() => StartupValidation.Run(services));
        Assert.Contains("Channels:Telegram", error.Message);
    }

    [Fact]
    public void The_library_client_does_not_retry_429_by_itself()
    {
        var options = TelegramBotClientFactory.CreateOptions(new TelegramChannelOptions { BotToken = "123456:TEST", ApiBaseUrl = "http://127.0.0.1:18085/ignored/path" });

        Assert.Equal(0, options.RetryThreshold);
        Assert.Equal("http://127.0.0.1:18085/bot123456:TEST", options.BaseRequestUrl);
        Assert.Equal("http://127.0.0.1:18085/file/bot123456:TEST", options.BaseFileUrl);
        Assert.Equal(123456, options.BotId);
    }
}
