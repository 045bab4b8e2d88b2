using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Inbox.Identity;
using Inbox.Connectors.Webhooks;

namespace Inbox.Connectors.Twilio.Tests.Infrastructure;

/// <summary>
/// The Twilio connector on a real Kestrel at 127.0.0.1, registered with AddTwilioChannel/MapTwilioChannel as the host does,
/// with recording stand-ins for the host's services and a fake Twilio REST API. Twilio is told the public URL
/// https://inbox.example.com (a proxy in front), while requests arrive at the loopback address.
/// </summary>
public sealed class TwilioTestHost : IAsyncDisposable
{
    public const string PublicBaseUrl = "https://inbox.example.com";

    private readonly WebApplication _app;

    private TwilioTestHost(WebApplication app, FakeTwilioServer twilio, CapturingLoggerProvider logs)
    {
        _app = app;
        Twilio = twilio;
        Logs = logs;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
    }

    public FakeTwilioServer Twilio { get; }

    public CapturingLoggerProvider Logs { get; }

    public HttpClient Http { get; }

    public string LocalUrl => _app.Urls.First();

    public IServiceProvider Services => _app.Services;

    public RecordingInboundPipeline Pipeline => _app.Services.GetRequiredService<RecordingInboundPipeline>();

    public RecordingDeliveryReceipts Receipts => _app.Services.GetRequiredService<RecordingDeliveryReceipts>();

    public RecordingReachability Reachability => _app.Services.GetRequiredService<RecordingReachability>();

    /// <summary>Webhooks acknowledged and not processed yet (shared across a restart when passed to <see cref="StartAsync"/>).</summary>
    public RecordingWebhookIntakeStore Intake => (RecordingWebhookIntakeStore)_app.Services.GetRequiredService<IWebhookIntakeStore>();

    /// <summary>Completes when the server has seen a caller hang up on a request (Twilio giving up after 15 s).</summary>
    public TaskCompletionSource CallerHungUp { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<TwilioTestHost> StartAsync(IDictionary<string, string?>? overrides = null, TimeProvider? clock = null,
        RecordingWebhookIntakeStore? intake = null)
    {
        var twilio = await FakeTwilioServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Channels:Twilio:AccountSid"] = FakeTwilioServer.AccountSid,
            ["Channels:Twilio:AuthToken"] = FakeTwilioServer.AuthToken,
            ["Channels:Twilio:SmsFrom"] = "+15005550006",
            ["Channels:Twilio:WhatsAppFrom"] = "whatsapp:+15005550006",
            ["Channels:Twilio:PublicBaseUrl"] = PublicBaseUrl,
            ["Channels:Twilio:ApiBaseUrl"] = twilio.Url,
            ["Channels:Twilio:UnknownReceiptRetryWindow"] = "00:00:01",
            ["Webhooks:FirstRetryDelay"] = "00:00:00.050",
            ["Webhooks:MaxRetryDelay"] = "00:00:00.200",
            ["Webhooks:MaxAttempts"] = "5",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(new PhoneNumberNormalizer("RU"));
        builder.Services.AddSingleton(new RecordingInboundPipeline());
        builder.Services.AddSingleton<IInboundPipeline>(sp => sp.GetRequiredService<RecordingInboundPipeline>());
        builder.Services.AddSingleton(new RecordingDeliveryReceipts());
        builder.Services.AddSingleton<IDeliveryReceipts>(sp => sp.GetRequiredService<RecordingDeliveryReceipts>());
        builder.Services.AddSingleton(new RecordingReachability());
        builder.Services.AddSingleton<IIdentityReachability>(sp => sp.GetRequiredService<RecordingReachability>());
        builder.Services.AddSingleton<IConnectorCursorStore>(new RecordingCursorStore());
        builder.Services.AddSingleton<IWebhookIntakeStore>(intake ?? new RecordingWebhookIntakeStore());
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        if (!new TwilioMessagingModule().AddServices(builder.Services, builder.Configuration))
        {
            throw new InvalidOperationException("The Twilio channel did not switch on.");
        }

        var app = builder.Build();
        TwilioTestHost? host = null;
        app.Use(async (context, next) =>
        {
            using var registration = context.RequestAborted.Register(() => host?.CallerHungUp.TrySetResult());
            await next(context);
        });
        app.MapTwilioChannel();
        await app.StartAsync();
        host = new TwilioTestHost(app, twilio, logs);
        return host;
    }

    public IOutboundChannel Sender(string channel) =>
        _app.Services.GetServices<IOutboundChannel>().Single(c => c.Channel == channel);

    /// <summary>POSTs a form as Twilio does, signed over <paramref name="signedUrl"/> (default: the public URL of the path) and the parameters.</summary>
    public Task<HttpResponseMessage> PostSignedFormAsync(string pathAndQuery, IReadOnlyList<KeyValuePair<string, string>> parameters,
        string? signedUrl = null, IReadOnlyList<KeyValuePair<string, string>>? signedParameters = null, string? signature = null,
        CancellationToken cancellationToken = default)
    {
        signature ??= TwilioSignature.Compute(FakeTwilioServer.AuthToken, signedUrl ?? PublicBaseUrl + pathAndQuery, signedParameters ?? parameters);
        return PostAsync(pathAndQuery, new FormUrlEncodedContent(parameters), signature, cancellationToken);
    }

    /// <summary>POSTs a correctly signed form and returns Twilio's answer without waiting for any processing.</summary>
    public Task<HttpResponseMessage> SendSignedFormAsync(string pathAndQuery, IReadOnlyList<KeyValuePair<string, string>> parameters) =>
        SendAsync(pathAndQuery, new FormUrlEncodedContent(parameters), TwilioSignature.Compute(FakeTwilioServer.AuthToken, PublicBaseUrl + pathAndQuery, parameters));

    /// <summary>
    /// POSTs a raw body with the given content type and signature (null: no X-Twilio-Signature header), then waits until the
    /// webhook intake has processed what it kept, so that the test can look at the outcome.
    /// </summary>
    public async Task<HttpResponseMessage> PostAsync(string pathAndQuery, HttpContent content, string? signature, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(pathAndQuery, content, signature, cancellationToken);
        await Intake.WaitUntilDrainedAsync();
        return response;
    }

    /// <summary>POSTs a raw body and returns Twilio's answer without waiting for any processing.</summary>
    public Task<HttpResponseMessage> SendAsync(string pathAndQuery, HttpContent content, string? signature, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = content };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(TwilioSignature.HeaderName, signature);
        }

        return Http.SendAsync(request, cancellationToken);
    }

    /// <summary>The JSON variant: <c>?bodySHA256=</c> the body's hash, and the signature over the public URL alone.</summary>
    public Task<HttpResponseMessage> PostSignedJsonAsync(string path, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var pathAndQuery = $"{path}?{TwilioSignature.BodyHashParameter}={TwilioSignature.ComputeBodyHash(body)}";
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return PostAsync(pathAndQuery, content, TwilioSignature.Compute(FakeTwilioServer.AuthToken, PublicBaseUrl + pathAndQuery));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Twilio.DisposeAsync();
    }
}
