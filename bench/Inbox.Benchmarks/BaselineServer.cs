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
/// The baselines of the ratios: a bare Kestrel endpoint in this process, on a free loopback port, with one
/// <c>POST /baseline</c> that reads the same JSON body as <c>/api/v1/inbound</c> and answers 200 with a small JSON
/// of the same shape, without storing anything; and, given a store, the minimal durable path <c>POST /durable</c>, which
/// answers the same only after the message's row is committed there (<see cref="DurableWriter"/>).
/// </summary>
public sealed class BaselineServer : IAsyncDisposable
{
    public const string Path = "/baseline";
    public const string DurablePath = "/durable";

    private readonly WebApplication _app;
    private readonly DurableWriter? _durable;

    private BaselineServer(WebApplication app, Uri endpoint, DurableWriter? durable)
    {
        _app = app;
        Endpoint = endpoint;
        _durable = durable;
        DurableEndpoint = durable is null ? null : new Uri(endpoint, DurablePath);
    }

    public Uri Endpoint { get; }

    /// <summary>The minimal durable path, when a store was given.</summary>
    public Uri? DurableEndpoint { get; }

    /// <summary>Transactions and rows the minimal durable path committed: how well its writes grouped.</summary>
    public (long Transactions, long Rows) DurableCommits => _durable is null ? (0, 0) : (_durable.Transactions, _durable.Rows);

    public static async Task<BaselineServer> StartAsync(DurableTarget? durableTarget, CancellationToken cancellationToken)
    {
        var durable = durableTarget is null ? null : await DurableWriter.OpenAsync(durableTarget, cancellationToken);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = BenchJson.Options.PropertyNamingPolicy);

        var app = builder.Build();
        app.MapPost(Path, (InboundRequest request) => Results.Ok(Reply(request)));
        if (durable is not null)
        {
            app.MapPost(DurablePath, async (InboundRequest request) =>
            {
                await durable.WriteAsync(request);
                return Results.Ok(Reply(request));
            });
        }

        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || !Uri.TryCreate(address, UriKind.Absolute, out var root))
        {
            await app.DisposeAsync();
            if (durable is not null)
            {
                await durable.DisposeAsync();
            }

            throw new BenchmarkFailedException("The baseline Kestrel server started but reported no address.");
        }

        return new BaselineServer(app, new Uri(root, Path), durable);
    }

    private static BaselineReply Reply(InboundRequest request) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), request.Text.Length, Duplicate: false);

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
        if (_durable is not null)
        {
            await _durable.DisposeAsync();
        }
    }
}
