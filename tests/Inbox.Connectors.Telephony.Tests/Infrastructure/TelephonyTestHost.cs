using Inbox.Connectors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inbox.Connectors.Telephony.Tests.Infrastructure;

/// <summary>The telephony adapters on a real Kestrel on 127.0.0.1, registered as the host does, with a recording sink.</summary>
public sealed class TelephonyTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TelephonyTestHost(WebApplication app, RecordingCallEventSink sink, IReadOnlyList<string> enabled, CapturedLogs logs)
    {
        Logs = logs;
        _app = app;
        Sink = sink;
        Enabled = enabled;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
    }

    public RecordingCallEventSink Sink { get; }

    /// <summary>The adapters' log lines (categories Inbox.*).</summary>
    public CapturedLogs Logs { get; }

    public IReadOnlyList<string> Enabled { get; }

    public HttpClient Client { get; }

    public static async Task<TelephonyTestHost> StartAsync(IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var logs = new CapturedLogs();
        builder.Logging.AddProvider(logs);
        builder.Configuration.AddInMemoryCollection(settings);
        var sink = new RecordingCallEventSink();
        builder.Services.AddSingleton<ICallEventSink>(sink);
        var module = new TelephonyModule();
        module.AddServices(builder.Services, builder.Configuration);
        var enabled = module.Adapters;
        var app = builder.Build();
        module.MapEndpoints(app);
        await app.StartAsync();
        return new TelephonyTestHost(app, sink, enabled, logs);
    }

    public async Task StopAsync(TimeSpan within) => await _app.StopAsync().WaitAsync(within);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
    }
}
