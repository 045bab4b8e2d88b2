using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inbox.Benchmarks;

/// <summary>
/// The baseline of the ratio: a bare Kestrel endpoint in this process, on a free loopback port, with one
/// <c>POST /baseline</c> that reads the same JSON body as <c>/api/v1/inbound</c> and answers 200 with a small JSON
/// of the same shape, without storing anything.
/// </summary>
public sealed class BaselineServer : IAsyncDisposable
{
    public const string Path = "/baseline";

    private readonly WebApplication _app;

    private BaselineServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<BaselineServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = BenchJson.Options.PropertyNamingPolicy);

        var app = builder.Build();
        app.MapPost(Path, (InboundRequest request) =>
            Results.Ok(new BaselineReply(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), request.Text.Length, Duplicate: false)));
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || !Uri.TryCreate(address, UriKind.Absolute, out var root))
        {
            await app.DisposeAsync();
            throw new BenchmarkFailedException("The baseline Kestrel server started but reported no address.");
        }

        return new BaselineServer(app, new Uri(root, Path));
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
