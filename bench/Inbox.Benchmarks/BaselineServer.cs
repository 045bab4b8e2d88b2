using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inbox.Benchmarks;

/// <summary>
/// The references of the ratios, in this process, on a free loopback port: three endpoints that read the same JSON body
/// as <c>POST /api/v1/inbound</c> and answer 200 with a JSON of the same shape:
/// <c>/bare</c> parses and answers; <c>/grain</c> also calls the conversation's grain (<see cref="IBenchConversationGrain"/>)
/// in an in-process Orleans silo; <c>/durable</c> calls the grain, which answers only after the message's row is
/// committed by <see cref="DurableWriter"/> (one writer, group commit): the minimal durable path; <c>/indexed</c> is the
/// same into a table whose rows are also indexed by customer and time (<see cref="DurableTable.IndexedByCustomer"/>).
/// </summary>
public sealed class BaselineServer : IAsyncDisposable
{
    public const string BarePath = "/bare";
    public const string GrainPath = "/grain";
    public const string DurablePath = "/durable";
    public const string IndexedPath = "/indexed";

    private readonly WebApplication _app;
    private readonly DurableWriters _durable;
    private bool _disposed;

    private BaselineServer(WebApplication app, Uri root, DurableWriters durable)
    {
        _app = app;
        Root = root;
        _durable = durable;
    }

    /// <summary>The server's address; the endpoints are <see cref="BarePath"/>, <see cref="GrainPath"/>, <see cref="DurablePath"/> and <see cref="IndexedPath"/> under it.</summary>
    public Uri Root { get; }

    /// <summary>Transactions and rows a durable path committed: how well its writes grouped.</summary>
    public (long Transactions, long Rows) Commits(DurableTable table) => (_durable.For(table).Transactions, _durable.For(table).Rows);

    public static async Task<BaselineServer> StartAsync(DurableTarget durableTarget, int siloPort, int gatewayPort, CancellationToken cancellationToken)
    {
        var durable = await DurableWriters.OpenAsync(durableTarget, cancellationToken);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = BenchJson.Options.PropertyNamingPolicy);
        builder.Services.AddSingleton(durable);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: "inbox-bench-baseline", clusterId: "inbox-bench-baseline"));

        var app = builder.Build();
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        app.MapPost(BarePath, (InboundRequest request) => Results.Ok(Reply(request, 0)));
        app.MapPost(GrainPath, async (InboundRequest request) =>
            Results.Ok(Reply(request, await grains.GetGrain<IBenchConversationGrain>(request.Customer.ExternalId).AcceptAsync(request.MessageId, request.Text))));
        app.MapPost(DurablePath, async (InboundRequest request) =>
            Results.Ok(Reply(request, await grains.GetGrain<IBenchConversationGrain>(request.Customer.ExternalId).AcceptDurableAsync(request.MessageId, request.Text, DurableTable.Plain))));
        app.MapPost(IndexedPath, async (InboundRequest request) =>
            Results.Ok(Reply(request, await grains.GetGrain<IBenchConversationGrain>(request.Customer.ExternalId).AcceptDurableAsync(request.MessageId, request.Text, DurableTable.IndexedByCustomer))));

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            await durable.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || !Uri.TryCreate(address, UriKind.Absolute, out var root))
        {
            await app.DisposeAsync();
            await durable.DisposeAsync();
            throw new BenchmarkFailedException("The baseline Kestrel server started but reported no address.");
        }

        return new BaselineServer(app, root, durable);
    }

    private static BaselineReply Reply(InboundRequest request, long sequence) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), sequence, Duplicate: false);

    /// <summary>Stops the server and its silo; a second call does nothing (the benchmark stops it before its last phases).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
        await _durable.DisposeAsync();
    }
}
