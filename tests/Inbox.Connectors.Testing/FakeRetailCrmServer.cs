using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inbox.Connectors.Testing;

/// <summary>
/// A RetailCRM v5 stand-in: <c>GET /api/v5/orders</c> (filters <c>numbers[]</c>, <c>customer</c>, <c>email</c>) and
/// <c>GET /api/v5/reference/statuses</c>. Checks <c>X-API-KEY</c> like RetailCRM (403 <c>Wrong "apiKey" value.</c>), and can be
/// scripted to answer the next requests with errors.
/// </summary>
public sealed class FakeRetailCrmServer : IAsyncDisposable
{
    public const string ApiKey = "crm-test-key";

    private readonly ConcurrentQueue<(int Status, string Body, string ContentType)> _scripted = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private LoopbackServer? _server;

    public Uri BaseAddress => _server!.BaseAddress;

    /// <summary>The settings that make Inbox's order system this server, with short retry delays for tests.</summary>
    public Dictionary<string, string?> OrderSettings(string apiKey = ApiKey) => new()
    {
        ["Orders:Provider"] = "RetailCrm",
        ["Orders:RetailCrm:BaseUrl"] = BaseAddress.ToString(),
        ["Orders:RetailCrm:ApiKey"] = apiKey,
        ["Orders:RetailCrm:MaxRetries"] = "2",
        ["Orders:RetailCrm:RetryDelay"] = "00:00:00.010",
        ["Orders:RetailCrm:MaxRetryDelay"] = "00:00:00.050",
    };

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public IReadOnlyList<RecordedRequest> OrderRequests => Requests.Where(r => r.Path == "/api/v5/orders").ToArray();

    public IReadOnlyList<RecordedRequest> StatusRequests => Requests.Where(r => r.Path == "/api/v5/reference/statuses").ToArray();

    public static async Task<FakeRetailCrmServer> StartAsync()
    {
        var fake = new FakeRetailCrmServer();
        fake._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/api/v5/orders", fake.OrdersAsync);
            app.MapGet("/api/v5/reference/statuses", fake.StatusesAsync);
        });
        return fake;
    }

    /// <summary>The next request (to any route) gets this answer instead.</summary>
    public void Then(int status, string body, string contentType = "application/json") => _scripted.Enqueue((status, body, contentType));

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<bool> PreambleAsync(HttpContext context)
    {
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        _requests.Enqueue(new RecordedRequest(context.Request.Path, Uri.UnescapeDataString(context.Request.QueryString.Value ?? string.Empty), headers, string.Empty, DateTimeOffset.UtcNow));
        if (_scripted.TryDequeue(out var scripted))
        {
            context.Response.StatusCode = scripted.Status;
            context.Response.ContentType = scripted.ContentType;
            await context.Response.WriteAsync(scripted.Body);
            return false;
        }

        if (context.Request.Headers["X-API-KEY"] != ApiKey)
        {
            context.Response.StatusCode = 403;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"success\":false,\"errorMsg\":\"Wrong \\\"apiKey\\\" value.\"}");
            return false;
        }

        return true;
    }

    private async Task StatusesAsync(HttpContext context)
    {
        if (!await PreambleAsync(context))
        {
            return;
        }

        var statuses = new JsonObject
        {
            ["send-to-delivery"] = Status("send-to-delivery", "Передан в службу доставки", "delivery"),
            ["ready-for-pickup"] = Status("ready-for-pickup", "Готов к выдаче", "delivery"),
            ["complete"] = Status("complete", "Выполнен", "complete"),
            ["cancel-other"] = Status("cancel-other", "Отменён", "cancel"),
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["success"] = true, ["statuses"] = statuses }.ToJsonString());
    }

    private async Task OrdersAsync(HttpContext context)
    {
        if (!await PreambleAsync(context))
        {
            return;
        }

        var numbers = context.Request.Query["filter[numbers][]"].Select(n => n ?? string.Empty).ToArray();
        var customer = context.Request.Query["filter[customer]"].ToString();
        var email = context.Request.Query["filter[email]"].ToString();
        var orders = AllOrders().Where(o =>
            numbers.Contains(o["number"]!.GetValue<string>()) ||
            (customer.Length > 0 && o["phone"]!.GetValue<string>().Replace(" ", string.Empty, StringComparison.Ordinal).EndsWith(customer[^10..], StringComparison.Ordinal)) ||
            (email.Length > 0 && string.Equals(o["email"]!.GetValue<string>(), email, StringComparison.OrdinalIgnoreCase)));
        var array = new JsonArray(orders.Select(o => (JsonNode)o).ToArray());
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject
        {
            ["success"] = true,
            ["pagination"] = new JsonObject { ["limit"] = 20, ["totalCount"] = array.Count, ["currentPage"] = 1, ["totalPageCount"] = 1 },
            ["orders"] = array,
        }.ToJsonString());
    }

    private static JsonObject Status(string code, string name, string group) =>
        new() { ["code"] = code, ["name"] = name, ["active"] = true, ["ordering"] = 10, ["group"] = group };

    private static IEnumerable<JsonObject> AllOrders()
    {
        yield return new JsonObject
        {
            ["id"] = 501,
            ["number"] = "1048576",
            ["status"] = "send-to-delivery",
            ["phone"] = "+7 916 123-45-67",
            ["email"] = "ivan@example.com",
            ["delivery"] = new JsonObject
            {
                ["code"] = "courier",
                ["date"] = "2026-12-03",
                ["time"] = new JsonObject { ["from"] = "10:00", ["to"] = "14:00" },
                ["address"] = new JsonObject { ["text"] = "Москва, ул. Тверская, д. 7, кв. 12" },
                ["data"] = new JsonObject { ["trackNumber"] = "RA123456789RU" },
            },
            ["items"] = new JsonArray(new JsonObject { ["quantity"] = 1, ["offer"] = new JsonObject { ["displayName"] = "Холодильник Haier C2F636CWRG" } }),
        };
        yield return new JsonObject
        {
            ["id"] = 502,
            ["number"] = "1234А",
            ["status"] = "ready-for-pickup",
            ["phone"] = "+380441234567",
            ["email"] = "olena@example.com",
            ["delivery"] = new JsonObject
            {
                ["code"] = "pickup",
                ["data"] = new JsonObject { ["pickuppointAddress"] = "Київ, вул. Хрещатик, 1" },
            },
            ["items"] = new JsonArray(new JsonObject { ["quantity"] = 2, ["productName"] = "Чайник" }),
        };
        yield return new JsonObject
        {
            ["id"] = 503,
            ["number"] = "55501",
            ["status"] = "complete",
            ["phone"] = "89161234567",
            ["email"] = "ivan@example.com",
        };
        yield return new JsonObject
        {
            ["id"] = 504,
            ["number"] = "990001",
            ["status"] = "brand-new-status",
            ["phone"] = "+79035550011",
            ["email"] = "petr@example.com",
        };
    }
}
