using System.Collections.Concurrent;
using System.Text.Json;
using Inbox.Connectors.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Inbox.Web.Tests.Infrastructure;

/// <summary>
/// An integrator's endpoint for the API channel's callbacks, on loopback: it checks the signature as an integrator
/// must, keeps what it received, and answers with the status codes a test lines up (then 200).
/// </summary>
public sealed class FakeCallbackServer : IAsyncDisposable
{
    public const string Secret = "callback-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();

    private FakeCallbackServer(WebApplication app) => _app = app;

    public ConcurrentQueue<(ApiCallbackPayload Payload, bool SignatureValid)> Received { get; } = new();

    public string Url { get; private set; } = "";

    /// <summary>The next callbacks are answered with these codes, one each.</summary>
    public void AnswerNext(params int[] statusCodes)
    {
        foreach (var code in statusCodes)
        {
            _answers.Enqueue(code);
        }
    }

    public static async Task<FakeCallbackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeCallbackServer(app);
        app.MapPost("/callback", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var valid = ApiCallbackSignature.Verify(Secret, body, context.Request.Headers[ApiCallbackSignature.HeaderName]);
            var payload = JsonSerializer.Deserialize<ApiCallbackPayload>(body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            server.Received.Enqueue((payload, valid));
            return Results.StatusCode(server._answers.TryDequeue(out var code) ? code : 200);
        });
        await app.StartAsync();
        server.Url = app.Urls.First() + "/callback";
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
