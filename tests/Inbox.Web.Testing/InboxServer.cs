using System.Net.Http.Headers;
using System.Net.Http.Json;
using Inbox.Chatbot.Local;
using Inbox.Domain;
using Inbox.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Testing;

/// <summary>
/// The whole web node (co-hosted silo, SQLite file, Kestrel on a loopback port) as the README's run command starts it,
/// with the settings a test needs on top.
/// </summary>
public sealed class InboxServer : IAsyncDisposable
{
    public const string ApiToken = "test-api-token";
    public const string DemoPassword = "demo-password-1";

    /// <summary>
    /// The intent model file every test run shares (in the temp folder, kept between runs): the product trains the ML.NET model
    /// when its file does not hold the model for the shipped phrases (20 s on a busy machine), and loads it otherwise. The file's
    /// key (the training rows, seed and trainer) makes a file left by an earlier run safe: after a change it is trained again.
    /// </summary>
    public static readonly string SharedModelCache = Path.Combine(Path.GetTempPath(), "inbox-web-tests", "intent-model.bin");

    /// <summary>
    /// One intent classifier for every server of the test process, from <see cref="SharedModelCache"/>: made once here, so no
    /// test's own time limit pays for training or loading.
    /// </summary>
    private static readonly Lazy<IntentClassifier> SharedClassifier = new(() => IntentClassifier.StartLoadingShippedModel(new IntentModelCache(SharedModelCache)));

    private readonly WebApplication _app;

    private InboxServer(WebApplication app, string folder)
    {
        _app = app;
        Folder = folder;
    }

    public string Folder { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    /// <param name="ownChatbotModel">
    /// The node loads or trains its intent model itself, as in production (from <c>Chatbot:ModelCache</c>, by default next to its
    /// database), instead of sharing the test process's classifier; the start does not wait for it.
    /// </param>
    public static async Task<InboxServer> StartAsync(
        IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null, bool ownChatbotModel = false)
    {
        var folder = Path.Combine(Path.GetTempPath(), "inbox-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var all = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:Sqlite:Path"] = Path.Combine(folder, "inbox.db"),
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Orleans:ClusterId"] = "test-" + Guid.NewGuid().ToString("N"),
            ["Channels:Api:Token"] = ApiToken,
            ["Demo:Password"] = DemoPassword,
            // Most tests watch one queue without teams; the routing tests switch the demo teams on.
            ["Demo:Teams"] = "false",
            ["Outbox:BaseDelay"] = "00:00:00.100",
            ["Outbox:MaxDelay"] = "00:00:00.500",
            ["Outbox:PollInterval"] = "00:00:00.200",
            // Most tests watch operators' queues; the chatbot's own tests switch it on.
            ["Chatbot:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var shareModel = !ownChatbotModel && string.Equals(all["Chatbot:Enabled"], "true", StringComparison.OrdinalIgnoreCase);
        if (shareModel)
        {
            // The bot's tests time its answers: the shared model is there before the node starts, not while a test waits.
            await SharedClassifier.Value.WaitUntilReadyAsync();
        }

        var app = InboxApp.Build(all.Select(kv => $"--{kv.Key}={kv.Value}").ToArray(), builder =>
        {
            if (shareModel)
            {
                builder.Services.AddSingleton(SharedClassifier.Value);
            }

            configure?.Invoke(builder);
        });
        var server = new InboxServer(app, folder);
        try
        {
            await app.StartAsync();
            // Ready as /health/ready says it: every publisher has this node on its list, so a console connected now hears every event.
            await app.Services.GetRequiredService<Inbox.Web.Live.LiveEventRelay>().HeardEverywhere.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            // A wrong setting stops the start (the tests of settings expect it): nothing was started, so nothing is stopped.
            await app.DisposeAsync();
            server.DeleteFolder();
            throw;
        }

        server.BaseAddress = new Uri(app.Urls.First());
        return server;
    }

    public HttpClient Client(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>An HTTP client logged in as a demo account with a bearer token.</summary>
    public async Task<HttpClient> OperatorClientAsync(string login = "operator") => Client(await TokenAsync(login));

    public async Task<string> TokenAsync(string login = "operator", string password = DemoPassword)
    {
        using var client = Client();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { login, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return token!.AccessToken;
    }

    public async Task<HubConnection> ConnectHubAsync(string login = "operator") => await ConnectHubWithTokenAsync(await TokenAsync(login));

    /// <summary>A console connected to the hub with a bearer token (of an operator made for the test, say).</summary>
    public async Task<HubConnection> ConnectHubWithTokenAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "/hubs/inbox"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => InboxJson.Configure(o.PayloadSerializerOptions))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        DeleteFolder();
    }

    private void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the system's temp cleanup
        }
    }

    private sealed record TokenResponse(string AccessToken);
}
