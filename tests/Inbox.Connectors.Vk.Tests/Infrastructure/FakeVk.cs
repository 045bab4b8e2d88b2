using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inbox.Connectors.Vk.Tests.Infrastructure;

/// <summary>
/// A stand-in for VK on 127.0.0.1 that speaks its wire protocol: <c>POST /method/&lt;name&gt;</c> with form bodies (errors
/// with HTTP 200), a Bots Long Poll server at <c>GET /whp/&lt;group&gt;</c>, upload servers and a file CDN. Answers can
/// be scripted per method; without a script each method has VK's ordinary behaviour (messages.send drops a repeated
/// random_id and answers the earlier message id).
/// </summary>
public sealed class FakeVk : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentQueue<RecordedPoll> _polls = new();
    private readonly ConcurrentQueue<RecordedUpload> _uploads = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeResponse>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeResponse> _longPollScript = new();
    private readonly Lock _sendGate = new();
    private readonly List<SentVkMessage> _sent = [];
    private readonly Dictionary<(string Peer, string RandomId), long> _byRandomId = [];
    private long _nextMessageId = 1842;
    private int _pollsInFlight;

    private FakeVk(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUri { get; private set; } = null!;

    public Signal Changed { get; } = new();

    /// <summary>users.get answers: id → (first_name, last_name). Unknown ids are omitted from the answer, as VK does.</summary>
    public ConcurrentDictionary<long, (string First, string Last)> Users { get; } = new();

    public ConcurrentDictionary<long, string> Groups { get; } = new();

    /// <summary>Files served by path (e.g. "/x.jpg"): content and content type.</summary>
    public ConcurrentDictionary<string, (byte[] Content, string ContentType)> Files { get; } = new(StringComparer.Ordinal);

    public string LongPollKey { get; set; } = "abc";

    public string LongPollTs { get; set; } = "1045";

    /// <summary>Null: the fake's own /whp/229000000 address. Set to VK's exact address to reproduce §2's answer verbatim.</summary>
    public string? LongPollServer { get; set; }

    public string CallbackConfirmationCode { get; set; } = "from-api-7f3e";

    /// <summary>While set, every file download waits for it (a slow CDN).</summary>
    public TaskCompletionSource? FileGate { get; set; }

    /// <summary>While a method has a gate here, its calls wait for it (a slow API).</summary>
    public ConcurrentDictionary<string, TaskCompletionSource> MethodGates { get; } = new(StringComparer.Ordinal);

    /// <summary>How many of the next file downloads answer HTTP 502.</summary>
    public int FileFailures;

    public IReadOnlyList<RecordedCall> Calls => [.. _calls];

    /// <summary>a_check requests still being answered (a stopped client's request may linger until it times out here).</summary>
    public int PollsInFlight => Volatile.Read(ref _pollsInFlight);

    public IReadOnlyList<RecordedPoll> Polls => [.. _polls];

    public IReadOnlyList<RecordedUpload> Uploads => [.. _uploads];

    public IReadOnlyList<SentVkMessage> Sent
    {
        get
        {
            lock (_sendGate)
            {
                return [.. _sent];
            }
        }
    }

    public async Task<RecordedPoll> WaitForPollAsync(Func<RecordedPoll, bool> match, string what)
    {
        RecordedPoll? found = null;
        await Changed.WaitUntilAsync(() => (found = Polls.FirstOrDefault(match)) is not null, what);
        return found!;
    }

    public IReadOnlyList<RecordedCall> CallsOf(string method) => Calls.Where(c => c.Method == method).ToList();

    public void Script(string method, params FakeResponse[] responses)
    {
        var queue = _scripts.GetOrAdd(method, _ => new ConcurrentQueue<FakeResponse>());
        foreach (var response in responses)
        {
            queue.Enqueue(response);
        }
    }

    /// <summary>Queues the next answers of the long poll server (each answers one a_check).</summary>
    public void ScriptLongPoll(params string[] bodies)
    {
        foreach (var body in bodies)
        {
            _longPollScript.Enqueue(FakeResponse.Json(body));
        }

        Changed.Pulse();
    }

    public void ScriptLongPoll(FakeResponse response)
    {
        _longPollScript.Enqueue(response);
        Changed.Pulse();
    }

    public static async Task<FakeVk> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeVk(app);
        app.MapPost("/method/{name}", (Func<HttpContext, string, Task>)fake.MethodAsync);
        app.MapGet("/whp/{group}", (Func<HttpContext, Task>)fake.LongPollAsync);
        app.MapPost("/upload/{kind}", (Func<HttpContext, string, Task>)fake.UploadAsync);
        app.MapGet("/{**path}", (Func<HttpContext, Task>)fake.FileAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUri = new Uri(address);
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task MethodAsync(HttpContext context, string name)
    {
        var form = await context.Request.ReadFormAsync();
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        _calls.Enqueue(new RecordedCall(name, fields, DateTimeOffset.UtcNow));
        Changed.Pulse();
        if (MethodGates.TryGetValue(name, out var gate))
        {
            await gate.Task.WaitAsync(Signal.MaxWait, context.RequestAborted);
        }

        if (_scripts.TryGetValue(name, out var queue) && queue.TryDequeue(out var scripted) && scripted != FakeResponse.Ordinary)
        {
            await WriteAsync(context, scripted);
            return;
        }

        await WriteAsync(context, FakeResponse.Json(Default(name, fields)));
    }

    private string Default(string method, Dictionary<string, string> form)
    {
        if (form.GetValueOrDefault("access_token") is not { Length: > 0 } || form.GetValueOrDefault("v") != "5.199")
        {
            return """{"error":{"error_code":5,"error_msg":"User authorization failed: no access_token passed."}}""";
        }

        switch (method)
        {
            case "messages.send":
                lock (_sendGate)
                {
                    var key = (form["peer_id"], form["random_id"]);
                    if (!_byRandomId.TryGetValue(key, out var id))
                    {
                        id = _nextMessageId++;
                        _byRandomId[key] = id;
                        _sent.Add(new SentVkMessage(id, key.Item1, key.Item2, form.GetValueOrDefault("message"), form.GetValueOrDefault("attachment")));
                    }

                    return $$"""{"response":{{id}}}""";
                }

            case "users.get":
            {
                var users = form["user_ids"].Split(',').Select(long.Parse)
                    .Where(Users.ContainsKey)
                    .Select(id => new { id, first_name = Users[id].First, last_name = Users[id].Last, can_access_closed = true, is_closed = false });
                return JsonSerializer.Serialize(new { response = users });
            }

            case "groups.getById":
            {
                var groups = form["group_ids"].Split(',').Select(long.Parse).Where(Groups.ContainsKey)
                    .Select(id => new { id, name = Groups[id], screen_name = $"club{id}" });
                return JsonSerializer.Serialize(new { response = new { groups, profiles = Array.Empty<object>() } });
            }

            case "groups.getLongPollServer":
                return JsonSerializer.Serialize(new { response = new { key = LongPollKey, server = LongPollServer ?? new Uri(BaseUri, "/whp/229000000").ToString(), ts = LongPollTs } });
            case "groups.getCallbackConfirmationCode":
                return JsonSerializer.Serialize(new { response = new { code = CallbackConfirmationCode } });
            case "messages.sendMessageEventAnswer":
                return """{"response":1}""";
            case "photos.getMessagesUploadServer":
                return JsonSerializer.Serialize(new { response = new { upload_url = new Uri(BaseUri, "/upload/photo").ToString(), album_id = -64, group_id = 229000000 } });
            case "photos.saveMessagesPhoto":
                return """{"response":[{"id":457239999,"owner_id":-229000000,"access_key":"k1","album_id":-64,"date":1767225700,"sizes":[]}]}""";
            case "docs.getMessagesUploadServer":
                return JsonSerializer.Serialize(new { response = new { upload_url = new Uri(BaseUri, "/upload/doc").ToString() } });
            case "docs.save":
                return """{"response":{"type":"doc","doc":{"id":660000001,"owner_id":-229000000,"title":"invoice.pdf","size":4}}}""";
            default:
                return """{"error":{"error_code":3,"error_msg":"Unknown method passed"}}""";
        }
    }

    private async Task LongPollAsync(HttpContext context)
    {
        Interlocked.Increment(ref _pollsInFlight);
        try
        {
            var query = context.Request.Query;
            var poll = new RecordedPoll(context.Request.Path, query["act"], query["key"], query["ts"], query["wait"]);
            _polls.Enqueue(poll);
            Changed.Pulse();
            var wait = TimeSpan.FromSeconds(Math.Clamp(int.TryParse(poll.Wait, out var seconds) ? seconds : 1, 0, 2));
            try
            {
                await Changed.WaitUntilAsync(() => !_longPollScript.IsEmpty || context.RequestAborted.IsCancellationRequested, "a scripted long poll answer", wait);
            }
            catch (TimeoutException)
            {
                // nothing new: answer like VK after `wait` seconds without events
            }

            // A client that has gone (a stopped host) must not swallow the next scripted answer.
            if (!context.RequestAborted.IsCancellationRequested && _longPollScript.TryDequeue(out var scripted))
            {
                await WriteAsync(context, scripted);
                return;
            }

            await WriteAsync(context, FakeResponse.Json(JsonSerializer.Serialize(new { ts = poll.Ts, updates = Array.Empty<object>() })));
        }
        finally
        {
            Interlocked.Decrement(ref _pollsInFlight);
            Changed.Pulse();
        }
    }

    private async Task UploadAsync(HttpContext context, string kind)
    {
        var form = await context.Request.ReadFormAsync();
        var file = form.Files.Single();
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        _uploads.Enqueue(new RecordedUpload(kind, file.Name, file.FileName, file.ContentType, buffer.ToArray()));
        Changed.Pulse();
        var body = kind == "photo"
            ? """{"server":853219,"photo":"[{\"markers_restarted\":true,\"photo\":\"a1b2c3:w\",\"sizes\":[],\"latitude\":0,\"longitude\":0,\"kid\":\"0f1e\"}]","hash":"9f8e7d6c"}"""
            : """{"file":"doc-upload-token-123"}""";
        await WriteAsync(context, FakeResponse.Json(body));
    }

    private async Task FileAsync(HttpContext context)
    {
        if (FileGate is { } gate)
        {
            await gate.Task.WaitAsync(Signal.MaxWait, context.RequestAborted);
        }

        if (Interlocked.Decrement(ref FileFailures) >= 0)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        Interlocked.Exchange(ref FileFailures, 0);
        if (Files.TryGetValue(context.Request.Path.Value ?? "", out var file))
        {
            context.Response.ContentType = file.ContentType;
            await context.Response.Body.WriteAsync(file.Content);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    private static async Task WriteAsync(HttpContext context, FakeResponse response)
    {
        if (response.Delay is { } delay)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = response.Status;
        if (response.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = response.RetryAfter;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(response.Body));
    }
}
