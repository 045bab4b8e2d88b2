using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inbox.Connectors.Telegram.Tests.Infrastructure;

/// <summary>
/// A small Telegram Bot API on 127.0.0.1 speaking the real wire protocol: <c>POST /bot{token}/{method}</c> with JSON or
/// multipart parameters, answered with the <c>{"ok":…}</c> envelope; files at <c>GET /file/bot{token}/{file_path}</c>.
/// Implements sendMessage, sendPhoto, sendDocument, getFile, answerCallbackQuery and getUpdates (offset semantics: asking
/// with an offset forgets every update below it; long polling waits up to <c>timeout</c> seconds for a new update).
/// Scripted answers (<see cref="Enqueue"/>) replace the normal behaviour once, in order.
/// </summary>
public sealed class FakeTelegramBotApi : IAsyncDisposable
{
    public const string Token = "123456:TEST";

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<BotApiCall> _calls = [];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeResponse>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Path, byte[] Content)> _files = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, string> _pendingUpdates = [];
    private long _offsetsIgnoredFrom = long.MaxValue;
    private readonly Signal _changed = new();
    private long _nextMessageId = 1000;

    private FakeTelegramBotApi(WebApplication app)
    {
        _app = app;
    }

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<BotApiCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Updates not yet confirmed by a getUpdates with a higher offset.</summary>
    public IReadOnlyList<long> PendingUpdateIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _pendingUpdates.Keys];
            }
        }
    }

    public static async Task<FakeTelegramBotApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 100 * 1024 * 1024);
        var app = builder.Build();
        var fake = new FakeTelegramBotApi(app);
        app.MapMethods("/bot{token}/{method}", ["GET", "POST"], fake.HandleMethodAsync);
        app.MapGet("/file/bot{token}/{**path}", fake.HandleFileAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    public IReadOnlyList<BotApiCall> CallsTo(string method) => Calls.Where(c => c.Method == method).ToList();

    /// <summary>The next call of <paramref name="method"/> (or <c>file</c> for downloads) gets this answer instead of the normal one.</summary>
    public void Enqueue(string method, params FakeResponse[] responses)
    {
        var queue = _scripts.GetOrAdd(method, _ => new ConcurrentQueue<FakeResponse>());
        foreach (var response in responses)
        {
            queue.Enqueue(response);
        }
    }

    public void AddFile(string fileId, string filePath, byte[] content) => _files[fileId] = (filePath, content);

    /// <summary>
    /// Telegram restarted its update numbering (after a week without updates the next id is random, possibly lower):
    /// an offset of <paramref name="offset"/> or more confirms nothing, so the updates below it come back.
    /// </summary>
    public void RestartNumberingBelow(long offset) => Interlocked.Exchange(ref _offsetsIgnoredFrom, offset);

    /// <summary>Queues an update (raw JSON) for getUpdates.</summary>
    public void AddUpdate(string json)
    {
        var id = JsonNode.Parse(json)!["update_id"]!.GetValue<long>();
        lock (_gate)
        {
            _pendingUpdates[id] = json;
        }

        _changed.Pulse();
    }

    /// <summary>Waits (at most 30 s) until the fake has received calls matching the condition.</summary>
    public Task WaitForCallsAsync(Func<IReadOnlyList<BotApiCall>, bool> condition) => _changed.WaitUntilAsync(() => condition(Calls));

    public Task WaitForCallsAsync(string method, int count) => WaitForCallsAsync(calls => calls.Count(c => c.Method == method) >= count);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleMethodAsync(HttpContext context, string token, string method)
    {
        var call = await ReadCallAsync(context.Request, method);
        Record(call);
        if (token != Token)
        {
            await WriteAsync(context, FakeResponse.Error(401, "Unauthorized"));
            return;
        }

        if (Next(method) is { } scripted)
        {
            if (scripted.Delay is { } delay)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            if (scripted.Status != 0)
            {
                await WriteAsync(context, scripted);
                return;
            }
        }

        var chatId = call.Get("chat_id");
        switch (method)
        {
            case "sendMessage":
                await WriteResultAsync(context, SentMessage(chatId, new JsonObject { ["text"] = call.Get("text") }));
                break;
            case "sendPhoto":
                await WriteResultAsync(context, SentMessage(chatId, new JsonObject
                {
                    ["photo"] = new JsonArray(new JsonObject { ["file_id"] = "sent-photo", ["file_unique_id"] = "sp", ["width"] = 10, ["height"] = 10 }),
                }));
                break;
            case "sendDocument":
                await WriteResultAsync(context, SentMessage(chatId, new JsonObject
                {
                    ["document"] = new JsonObject { ["file_id"] = "sent-doc", ["file_unique_id"] = "sd", ["file_name"] = call.FileFor("document")?.FileName },
                }));
                break;
            case "answerCallbackQuery":
                await WriteResultAsync(context, JsonValue.Create(true));
                break;
            case "getFile":
                var fileId = call.Get("file_id") ?? "";
                if (_files.TryGetValue(fileId, out var file))
                {
                    await WriteResultAsync(context, new JsonObject
                    {
                        ["file_id"] = fileId, ["file_unique_id"] = "u-" + fileId, ["file_size"] = file.Content.Length, ["file_path"] = file.Path,
                    });
                }
                else
                {
                    await WriteAsync(context, FakeResponse.Error(400, "Bad Request: invalid file_id"));
                }

                break;
            case "getUpdates":
                await GetUpdatesAsync(context, call);
                break;
            default:
                await WriteAsync(context, FakeResponse.Error(404, "Not Found"));
                break;
        }
    }

    /// <summary>While set, file downloads wait for it (after being recorded): a slow file server.</summary>
    public TaskCompletionSource? FileGate { get; set; }

    private async Task HandleFileAsync(HttpContext context, string token, string path)
    {
        Record(new BotApiCall("file:" + path, [], new Dictionary<string, UploadedFile>()));
        if (FileGate is { } gate)
        {
            await gate.Task.WaitAsync(Signal.MaxWait, context.RequestAborted);
        }

        if (Next("file") is { } scripted)
        {
            await WriteAsync(context, scripted);
            return;
        }

        var file = _files.Values.FirstOrDefault(f => f.Path == path);
        if (token != Token || file.Content is null)
        {
            await WriteAsync(context, FakeResponse.Error(404, "Not Found"));
            return;
        }

        context.Response.ContentType = "application/octet-stream";
        await context.Response.Body.WriteAsync(file.Content);
    }

    private async Task GetUpdatesAsync(HttpContext context, BotApiCall call)
    {
        var offset = long.TryParse(call.Get("offset"), out var o) ? o : (long?)null;
        var limit = int.TryParse(call.Get("limit"), out var l) ? l : 100;
        var timeout = int.TryParse(call.Get("timeout"), out var t) ? t : 0;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(timeout);
        while (true)
        {
            var changed = _changed.Next;
            List<string> batch;
            lock (_gate)
            {
                if (offset is not null && offset < _offsetsIgnoredFrom)
                {
                    // Asking with an offset confirms every update below it: Telegram never returns those again.
                    foreach (var confirmed in _pendingUpdates.Keys.Where(id => id < offset).ToList())
                    {
                        _pendingUpdates.Remove(confirmed);
                    }
                }

                batch = _pendingUpdates.Values.Take(limit).ToList();
            }

            var remaining = deadline - DateTimeOffset.UtcNow;
            if (batch.Count > 0 || remaining <= TimeSpan.Zero)
            {
                await WriteResultAsync(context, new JsonArray(batch.Select(json => (JsonNode?)JsonNode.Parse(json)).ToArray()));
                return;
            }

            try
            {
                await changed.WaitAsync(remaining, context.RequestAborted);
            }
            catch (TimeoutException)
            {
                // answer the empty batch on the next turn
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private JsonObject SentMessage(string? chatId, JsonObject content)
    {
        var chat = long.TryParse(chatId, out var id) ? id : 0;
        var message = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref _nextMessageId),
            ["from"] = new JsonObject { ["id"] = 123456, ["is_bot"] = true, ["first_name"] = "Shop bot" },
            ["chat"] = new JsonObject { ["id"] = chat, ["type"] = "private" },
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        foreach (var (key, value) in content)
        {
            message[key] = value?.DeepClone();
        }

        return message;
    }

    private FakeResponse? Next(string method) =>
        _scripts.TryGetValue(method, out var queue) && queue.TryDequeue(out var response) ? response : null;

    private void Record(BotApiCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }

        _changed.Pulse();
    }

    private static async Task<BotApiCall> ReadCallAsync(HttpRequest request, string method)
    {
        var parameters = new JsonObject();
        var files = new Dictionary<string, UploadedFile>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form)
            {
                parameters[key] = value.ToString();
            }

            foreach (var file in form.Files)
            {
                using var content = new MemoryStream();
                await file.CopyToAsync(content);
                files[file.Name] = new UploadedFile(file.FileName, content.ToArray());
            }
        }
        else
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            if (!string.IsNullOrWhiteSpace(body) && JsonNode.Parse(body) is JsonObject json)
            {
                parameters = json;
            }

            foreach (var (key, value) in request.Query)
            {
                parameters[key] = value.ToString();
            }
        }

        return new BotApiCall(method, parameters, files);
    }

    private static Task WriteResultAsync(HttpContext context, JsonNode result) =>
        WriteAsync(context, new FakeResponse(200, new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString()));

    private static async Task WriteAsync(HttpContext context, FakeResponse response)
    {
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(response.Body, Encoding.UTF8);
    }
}
