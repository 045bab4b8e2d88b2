using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Inbox.Identity;

using Inbox.Connectors.Webhooks;

namespace Inbox.Connectors.Telegram.Tests.Infrastructure;

/// <summary>
/// The connector as the host runs it: a real Kestrel on 127.0.0.1 with <c>AddTelegramChannel</c> and
/// <c>MapTelegramChannel</c>, the recording fakes of a <see cref="TestWorld"/>, pointed at a <see cref="FakeTelegramBotApi"/>.
/// </summary>
public sealed class TelegramTestHost : IAsyncDisposable
{
    public const string Secret = "s3cr3t_Token-1";

    private TelegramTestHost(WebApplication app, HttpClient client)
    {
        App = app;
        Client = client;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Settings as a test run uses them: short polling and back-off so nothing waits long.</summary>
    public static Dictionary<string, string?> Settings(FakeTelegramBotApi api, TelegramMode mode = TelegramMode.Webhook) => new()
    {
        ["Channels:Telegram:BotToken"] = FakeTelegramBotApi.Token,
        ["Channels:Telegram:WebhookSecret"] = Secret,
        ["Channels:Telegram:Mode"] = mode.ToString(),
        ["Channels:Telegram:ApiBaseUrl"] = api.BaseUrl,
        ["Channels:Telegram:PollTimeoutSeconds"] = "1",
        ["Channels:Telegram:PollErrorDelay"] = "00:00:00.050",
        ["Channels:Telegram:PollErrorMaxDelay"] = "00:00:00.200",
        ["Channels:Telegram:RequestTimeout"] = "00:00:05",
        ["Webhooks:FirstRetryDelay"] = "00:00:00.050",
        ["Webhooks:MaxRetryDelay"] = "00:00:00.200",
        ["Webhooks:BestEffortAfterAttempts"] = "3",
        ["Webhooks:MaxAttempts"] = "5",
    };

    public static Task<TelegramTestHost> StartAsync(FakeTelegramBotApi api, TestWorld world, TelegramMode mode = TelegramMode.Webhook,
        Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = Settings(api, mode);
        configure?.Invoke(settings);
        return StartAsync(settings, world);
    }

    public static async Task<TelegramTestHost> StartAsync(Dictionary<string, string?> settings, TestWorld world)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(world.Logs);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(new PhoneNumberNormalizer("RU"));
        builder.Services.AddSingleton<IInboundPipeline>(world.Pipeline);
        builder.Services.AddSingleton<IConnectorCursorStore>(world.Cursors);
        builder.Services.AddSingleton<IIdentityReachability>(world.Reachability);
        builder.Services.AddSingleton<IDeliveryReceipts>(world.Receipts);
        builder.Services.AddSingleton<IWebhookIntakeStore>(world.Intake);
        if (world.SharedLeases is { } leases)
        {
            builder.Services.AddSingleton(leases);
        }

        Assert.True(new TelegramModule().AddServices(builder.Services, builder.Configuration));
        var app = builder.Build();
        app.MapTelegramChannel();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TelegramTestHost(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>
    /// POSTs a body to the webhook as Telegram does, with the secret header unless <paramref name="secret"/> is null, then waits
    /// until the webhook intake has processed what it kept, so that the test can look at the outcome.
    /// </summary>
    public async Task<HttpResponseMessage> PostUpdateAsync(string json, string? secret = Secret)
    {
        var response = await PostAsync(new StringContent(json, System.Text.Encoding.UTF8, "application/json"), secret);
        await ((RecordingWebhookIntakeStore)Services.GetRequiredService<IWebhookIntakeStore>()).WaitUntilDrainedAsync();
        return response;
    }

    public async Task<HttpResponseMessage> PostAsync(HttpContent content, string? secret = Secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TelegramChannelEndpoints.WebhookPath) { Content = content };
        if (secret is not null)
        {
            request.Headers.TryAddWithoutValidation(TelegramChannelEndpoints.SecretHeaderName, secret);
        }

        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
