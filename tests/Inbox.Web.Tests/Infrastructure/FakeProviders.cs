using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Inbox.Web.Tests.Infrastructure;

/// <summary>
/// The messengers' APIs on one loopback server, just enough of each for the whole-system tests (the connectors' own tests
/// cover the protocols in depth): VK's method API and Twilio's Messages resource.
/// </summary>
public sealed class FakeProviders : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeProviders(WebApplication app) => _app = app;

    private int _usersGetCalls;

    public string BaseUrl { get; private set; } = "";

    /// <summary>While set, VK's users.get waits for it (a slow API).</summary>
    public TaskCompletionSource? UsersGetGate { get; set; }

    /// <summary>How many times VK's users.get was called.</summary>
    public int UsersGetCalls => Volatile.Read(ref _usersGetCalls);

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> VkSent { get; } = new();

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> TwilioSent { get; } = new();

    public ConcurrentQueue<System.Text.Json.JsonElement> TelegramSent { get; } = new();

    /// <summary>The <c>callback_query_id</c>s of Telegram's <c>answerCallbackQuery</c> calls.</summary>
    public ConcurrentQueue<string> TelegramAnsweredCallbacks { get; } = new();

    /// <summary>What <c>getUpdates</c> hands out (Telegram's polling mode): each update until an offset above its id confirms it.</summary>
    public ConcurrentQueue<string> TelegramUpdates { get; } = new();

    /// <summary>The API channel's callbacks posted to <c>/callback</c>.</summary>
    public ConcurrentQueue<string> Callbacks { get; } = new();

    public static async Task<FakeProviders> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeProviders(app);
        app.MapPost("/method/users.get", async (HttpContext context) =>
        {
            Interlocked.Increment(ref fake._usersGetCalls);
            if (fake.UsersGetGate is { } gate)
            {
                await gate.Task.WaitAsync(context.RequestAborted);
            }

            return Results.Text("""{"response":[{"id":123456789,"first_name":"Иван","last_name":"Петров"}]}""", "application/json");
        });
        app.MapPost("/method/messages.send", async (HttpContext context) =>
        {
            fake.VkSent.Enqueue(await FormAsync(context));
            return Results.Text("""{"response":5001}""", "application/json");
        });
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", async (HttpContext context, string sid) =>
        {
            var form = await FormAsync(context);
            fake.TwilioSent.Enqueue(form);
            var messageSid = "SM" + Guid.NewGuid().ToString("N");
            return Results.Json(new { sid = messageSid, account_sid = sid, status = "queued", to = form.GetValueOrDefault("To"), from = form.GetValueOrDefault("From"),
                body = form.GetValueOrDefault("Body"), date_created = DateTimeOffset.UtcNow.ToString("R") }, statusCode: 201);
        });
        app.MapGet("/2010-04-01/Accounts/{sid}/Messages.json", () => Results.Json(new { messages = Array.Empty<object>() }));
        app.MapPost("/bot{token}/sendMessage", async (HttpContext context) =>
        {
            var body = await System.Text.Json.JsonSerializer.DeserializeAsync<System.Text.Json.JsonElement>(context.Request.Body);
            fake.TelegramSent.Enqueue(body);
            var chat = body.GetProperty("chat_id").ToString();
            var id = 700 + fake.TelegramSent.Count;
            return Results.Text("{\"ok\":true,\"result\":{\"message_id\":" + id + ",\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},\"date\":1767225700,\"text\":\"sent\"}}", "application/json");
        });
        app.MapPost("/bot{token}/answerCallbackQuery", async (HttpContext context) =>
        {
            var body = await System.Text.Json.JsonSerializer.DeserializeAsync<System.Text.Json.JsonElement>(context.Request.Body);
            fake.TelegramAnsweredCallbacks.Enqueue(body.GetProperty("callback_query_id").GetString() ?? "");
            return Results.Text("""{"ok":true,"result":true}""", "application/json");
        });
        app.MapPost("/bot{token}/getUpdates", async (HttpContext context) =>
        {
            var request = await System.Text.Json.JsonSerializer.DeserializeAsync<System.Text.Json.JsonElement>(context.Request.Body);
            var offset = request.TryGetProperty("offset", out var o) && o.ValueKind == System.Text.Json.JsonValueKind.Number ? o.GetInt64() : 0;
            var pending = fake.TelegramUpdates.Where(u => System.Text.Json.JsonDocument.Parse(u).RootElement.GetProperty("update_id").GetInt64() >= offset).ToList();
            if (pending.Count == 0)
            {
                // long polling: nothing new for a while
                await Task.Delay(500, context.RequestAborted);
            }

            return Results.Text("{\"ok\":true,\"result\":[" + string.Join(',', pending) + "]}", "application/json");
        });
        app.MapPost("/callback", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            fake.Callbacks.Enqueue(await reader.ReadToEndAsync());
            return Results.Ok();
        });
        await app.StartAsync();
        fake.BaseUrl = app.Urls.First();
        return fake;
    }

    private static async Task<IReadOnlyDictionary<string, string>> FormAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        return form.ToDictionary(f => f.Key, f => f.Value.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
