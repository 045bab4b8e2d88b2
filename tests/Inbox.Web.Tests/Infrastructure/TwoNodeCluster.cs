using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Testing.Postgres;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests.Infrastructure;

/// <summary>
/// Two Inbox nodes, each a web node with its silo, started as processes by <c>docker/local-cluster.sh node N</c> on a
/// fresh PostgreSQL database: the first creates the tables and the demo accounts, the second joins it. Node A's ports
/// are kept, so that a test can start it again where it was.
/// </summary>
public sealed class TwoNodeCluster : IAsyncDisposable
{
    private readonly TemporaryPostgres _postgres;
    private readonly string[] _settings;

    private TwoNodeCluster(TemporaryPostgres postgres, string database, string data, string[] settings)
    {
        _postgres = postgres;
        Database = database;
        Data = data;
        _settings = settings;
    }

    public string Database { get; }
    public string Data { get; }
    public InboxProcess A { get; private set; } = null!;
    public InboxProcess B { get; private set; } = null!;
    public (int Http, int Silo, int Gateway) PortsOfA { get; } = (FreePort.Next(), FreePort.Next(), FreePort.Next());

    /// <param name="settings">Command-line settings given to both nodes.</param>
    public static async Task<TwoNodeCluster> StartAsync(params string[] settings)
    {
        var data = Path.Combine(Path.GetTempPath(), "inbox-cluster-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var postgres = await TemporaryPostgres.StartAsync();
        var cluster = new TwoNodeCluster(postgres, await postgres.CreateDatabaseAsync(), data, settings);
        cluster.A = await cluster.StartNodeAsync(1, cluster.PortsOfA);
        cluster.B = await cluster.StartNodeAsync(2, (FreePort.Next(), FreePort.Next(), FreePort.Next()));
        return cluster;
    }

    /// <summary>Stops node A (if it still runs) and starts it again on its ports.</summary>
    public async Task RestartAAsync()
    {
        A.Dispose();
        A = await StartNodeAsync(1, PortsOfA);
    }

    public async ValueTask DisposeAsync()
    {
        A?.Dispose();
        B?.Dispose();
        await _postgres.DisposeAsync();
        try
        {
            Directory.Delete(Data, recursive: true);
        }
        catch (IOException)
        {
            // left for the system's temp cleanup
        }
    }

    /// <summary>A client of the machine-to-machine API (the inbound endpoint) on one node.</summary>
    public static HttpClient Api(InboxProcess node)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(40) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", InboxServer.ApiToken);
        return client;
    }

    /// <summary>A client of the operators' API on one node, logged in as a demo account.</summary>
    public static async Task<HttpClient> ClientAsync(InboxProcess node, string login)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(40) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(node, login));
        return client;
    }

    /// <summary>A console's hub connection to one node, not yet started, logged in as a demo account.</summary>
    public static async Task<HubConnection> HubAsync(InboxProcess node, string login)
    {
        var token = await TokenAsync(node, login);
        return new HubConnectionBuilder()
            .WithUrl(new Uri(node.BaseAddress, "/hubs/inbox"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => InboxJson.Configure(o.PayloadSerializerOptions))
            .Build();
    }

    private Task<InboxProcess> StartNodeAsync(int node, (int Http, int Silo, int Gateway) ports) =>
        InboxProcess.StartClusterNodeAsync(node, Database, Data, ports.Http, ports.Silo, ports.Gateway, _settings);

    private static async Task<string> TokenAsync(InboxProcess node, string login)
    {
        using var client = new HttpClient { BaseAddress = node.BaseAddress };
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { login, password = InboxServer.DemoPassword });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["accessToken"].ToString()!;
    }
}
