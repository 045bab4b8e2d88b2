using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Inbox.Identity;
using Inbox.Connectors.Webhooks;

namespace Inbox.Connectors.Vk.Tests.Infrastructure;

/// <summary>
/// Our side: a real Kestrel on 127.0.0.1 with the VK channel registered exactly as the host does (AddVkChannel,
/// MapVkChannel) and in-memory recorders for the host's services. The recorders can be shared across a restart.
/// </summary>
public sealed class VkTestHost : IAsyncDisposable
{
    public const long GroupId = 229000000;
    public const string Secret = "s3cr3t";
    public const string ConfirmationCode = "conf-code-1";

    private readonly WebApplication _app;

    private VkTestHost(WebApplication app, Uri baseAddress, RecordingInboundPipeline pipeline, RecordingReachability reachability, RecordingCursorStore cursors,
        RecordingWebhookIntakeStore intake)
    {
        Intake = intake;
        _app = app;
        BaseAddress = baseAddress;
        Pipeline = pipeline;
        Reachability = reachability;
        Cursors = cursors;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public RecordingInboundPipeline Pipeline { get; }

    public RecordingReachability Reachability { get; }

    public RecordingCursorStore Cursors { get; }

    /// <summary>The webhook intake's store: callbacks acknowledged and not processed yet.</summary>
    public RecordingWebhookIntakeStore Intake { get; }

    public IServiceProvider Services => _app.Services;

    public static Dictionary<string, string?> Settings(FakeVk vk) => new()
    {
        ["Channels:Vk:GroupId"] = GroupId.ToString(),
        ["Channels:Vk:AccessToken"] = "vk1.a.test-community-token",
        ["Channels:Vk:Secret"] = Secret,
        ["Channels:Vk:ConfirmationCode"] = ConfirmationCode,
        ["Channels:Vk:ApiBaseUrl"] = vk.BaseUri.ToString(),
        ["Channels:Vk:Mode"] = "Callback",
        ["Channels:Vk:LongPollWaitSeconds"] = "1",
        ["Channels:Vk:LongPollErrorDelay"] = "00:00:00.050",
        ["Channels:Vk:RequestTimeout"] = "00:00:10",
        ["Webhooks:FirstRetryDelay"] = "00:00:00.050",
        ["Webhooks:MaxRetryDelay"] = "00:00:00.200",
        ["Webhooks:BestEffortAfterAttempts"] = "3",
        ["Webhooks:MaxAttempts"] = "5",
    };

    public static async Task<VkTestHost> StartAsync(FakeVk vk, Action<Dictionary<string, string?>>? configure = null,
        RecordingInboundPipeline? pipeline = null, RecordingCursorStore? cursors = null, RecordingReachability? reachability = null,
        RecordingWebhookIntakeStore? intake = null)
    {
        intake ??= new RecordingWebhookIntakeStore();
        var settings = Settings(vk);
        configure?.Invoke(settings);
        pipeline ??= new RecordingInboundPipeline();
        cursors ??= new RecordingCursorStore();
        reachability ??= new RecordingReachability();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<IInboundPipeline>(pipeline);
        builder.Services.AddSingleton<IIdentityReachability>(reachability);
        builder.Services.AddSingleton<IConnectorCursorStore>(cursors);
        builder.Services.AddSingleton<IWebhookIntakeStore>(intake);
        builder.Services.AddSingleton<IDeliveryReceipts>(new RecordingDeliveryReceipts());
        builder.Services.AddSingleton(new PhoneNumberNormalizer());
        builder.Services.AddSingleton(TimeProvider.System);
        if (!new VkModule().AddServices(builder.Services, builder.Configuration))
        {
            throw new InvalidOperationException("The VK channel did not switch on.");
        }

        builder.Services.AddHttpClient<VkFileClient>().AddHttpMessageHandler(() => new RedirectToFakeHandler(vk.BaseUri));
        builder.Services.AddHttpClient<VkLongPollClient>().AddHttpMessageHandler(() => new RedirectToFakeHandler(vk.BaseUri));

        var app = builder.Build();
        app.MapVkChannel();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new VkTestHost(app, new Uri(address), pipeline, reachability, cursors, intake);
    }

    /// <summary>Posts a callback and waits until the intake has processed everything queued (so a test can look at the outcome).</summary>
    public async Task<HttpResponseMessage> PostAndProcessAsync(string json)
    {
        var response = await PostCallbackAsync(json);
        await Intake.WaitUntilDrainedAsync();
        return response;
    }

    public Task<HttpResponseMessage> PostCallbackAsync(string json)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Client.PostAsync(VkChannelEndpoints.WebhookPath, content);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
