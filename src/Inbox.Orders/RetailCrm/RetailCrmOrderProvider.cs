using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Inbox.Orders.RetailCrm;

/// <summary>
/// Orders from RetailCRM API v5: <c>GET /api/v5/orders?filter[numbers][]=…</c> by number (every look-alike spelling in one
/// request), <c>filter[customer]=&lt;phone&gt;</c> and <c>filter[email]=…</c> by customer, status names from
/// <c>GET /api/v5/reference/statuses</c> (cached). The API key goes in the <c>X-API-KEY</c> header. The named HttpClient
/// <see cref="HttpClientName"/> carries the 10-requests-per-second budget and bounded retries on 429/503/5xx (see
/// <see cref="ChatbotRegistration"/>). Every failure surfaces as <see cref="OrderProviderException"/>.
/// </summary>
public sealed partial class RetailCrmOrderProvider : IOrderProvider, IOrderStatusReference
{
    public const string HttpClientName = "Inbox.Orders.RetailCrm";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly RetailCrmOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RetailCrmOrderProvider> _logger;
    private readonly SemaphoreSlim _statusGate = new(1, 1);
    private IReadOnlyDictionary<string, RetailCrmStatus>? _statuses;
    private DateTimeOffset _statusesLoadedAt;

    public RetailCrmOrderProvider(
        IHttpClientFactory httpClientFactory,
        IOptions<RetailCrmOptions> options,
        TimeProvider? time = null,
        ILogger<RetailCrmOrderProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClientFactory = httpClientFactory ?? throw new ArgumentNullException(nameof(httpClientFactory));
        _options = options.Value;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<RetailCrmOrderProvider>.Instance;
    }

    public async Task<IReadOnlyList<Order>> FindByNumberAsync(string number, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        var query = new StringBuilder("api/v5/orders?limit=20");
        foreach (var variant in OrderNumbers.Variants(number))
        {
            query.Append("&filter[numbers][]=").Append(Uri.EscapeDataString(variant));
        }

        AppendSite(query);
        var orders = await GetOrdersAsync(query.ToString(), ct).ConfigureAwait(false);
        return orders.Where(o => OrderNumbers.AreSame(o.Number, number)).ToArray();
    }

    public async Task<IReadOnlyList<Order>> FindByCustomerAsync(string? phoneE164, string? email, CancellationToken ct)
    {
        var result = new List<Order>();
        var limit = _options.CustomerOrdersLimit is 20 or 50 or 100 ? _options.CustomerOrdersLimit : 50;
        if (!string.IsNullOrWhiteSpace(phoneE164))
        {
            var query = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"api/v5/orders?limit={limit}&filter[customer]="))
                .Append(Uri.EscapeDataString(phoneE164.Trim()));
            AppendSite(query);
            result.AddRange(await GetOrdersAsync(query.ToString(), ct).ConfigureAwait(false));
        }

        if (!string.IsNullOrWhiteSpace(email))
        {
            var query = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"api/v5/orders?limit={limit}&filter[email]="))
                .Append(Uri.EscapeDataString(email.Trim()));
            AppendSite(query);
            foreach (var order in await GetOrdersAsync(query.ToString(), ct).ConfigureAwait(false))
            {
                if (!result.Any(o => OrderNumbers.AreSame(o.Number, order.Number)))
                {
                    result.Add(order);
                }
            }
        }

        return result;
    }

    public async Task<IReadOnlyCollection<string>> GetStatusNamesAsync(CancellationToken ct)
    {
        var statuses = await GetStatusesAsync(forceReload: false, ct).ConfigureAwait(false);
        return statuses.Values.Select(s => s.Name).Where(n => n.Length > 0).ToArray();
    }

    private void AppendSite(StringBuilder query)
    {
        if (!string.IsNullOrWhiteSpace(_options.Site))
        {
            query.Append("&filter[sites][]=").Append(Uri.EscapeDataString(_options.Site.Trim()));
        }
    }

    private async Task<IReadOnlyList<Order>> GetOrdersAsync(string relativeUrl, CancellationToken ct)
    {
        using var document = await GetJsonAsync(relativeUrl, notFoundIsEmpty: true, ct).ConfigureAwait(false);
        if (document is null || !document.RootElement.TryGetProperty("orders", out var orders) || orders.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var raw = orders.EnumerateArray().Select(o => o.Clone()).ToArray();
        if (raw.Length == 0)
        {
            return [];
        }

        var statuses = await GetStatusesAsync(forceReload: false, ct).ConfigureAwait(false);
        var unknown = raw.Select(o => String(o, "status")).Any(code => code is not null && !statuses.ContainsKey(code));
        if (unknown && _time.GetUtcNow() - _statusesLoadedAt > TimeSpan.FromSeconds(30))
        {
            statuses = await GetStatusesAsync(forceReload: true, ct).ConfigureAwait(false);
        }

        return raw.Select(o => ToOrder(o, statuses)).Where(o => o is not null).Select(o => o!).ToArray();
    }

    private async Task<IReadOnlyDictionary<string, RetailCrmStatus>> GetStatusesAsync(bool forceReload, CancellationToken ct)
    {
        var cached = _statuses;
        if (!forceReload && cached is not null && _time.GetUtcNow() - _statusesLoadedAt < _options.StatusCacheDuration)
        {
            return cached;
        }

        await _statusGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            cached = _statuses;
            var fresh = cached is not null && _time.GetUtcNow() - _statusesLoadedAt < (forceReload ? TimeSpan.FromSeconds(30) : _options.StatusCacheDuration);
            if (fresh)
            {
                return cached!;
            }

            using var document = await GetJsonAsync("api/v5/reference/statuses", notFoundIsEmpty: false, ct).ConfigureAwait(false);
            var result = new Dictionary<string, RetailCrmStatus>(StringComparer.Ordinal);
            if (document is not null && document.RootElement.TryGetProperty("statuses", out var statuses) && statuses.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in statuses.EnumerateObject())
                {
                    var code = String(property.Value, "code") ?? property.Name;
                    result[code] = new RetailCrmStatus(code, String(property.Value, "name") ?? string.Empty, String(property.Value, "group"));
                }
            }

            _statuses = result;
            _statusesLoadedAt = _time.GetUtcNow();
            return result;
        }
        finally
        {
            _statusGate.Release();
        }
    }

    private async Task<JsonDocument?> GetJsonAsync(string relativeUrl, bool notFoundIsEmpty, CancellationToken ct)
    {
        var client = _httpClientFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(new Uri(relativeUrl, UriKind.Relative), ct).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new OrderProviderException("RetailCRM is unreachable: " + exception.Message, exception);
        }
        catch (OperationCanceledException exception) when (!ct.IsCancellationRequested)
        {
            throw new OrderProviderException("RetailCRM did not answer in time.", exception);
        }
        catch (Polly.ExecutionRejectedException exception)
        {
            throw new OrderProviderException("RetailCRM request was rejected: " + exception.Message, exception);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            var document = TryParse(body);
            var errorMessage = document is null ? null : ErrorMessage(document.RootElement);
            if (response.StatusCode == HttpStatusCode.NotFound && notFoundIsEmpty)
            {
                document?.Dispose();
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                document?.Dispose();
                LogRequestFailed(_logger, (int)response.StatusCode, errorMessage ?? "(no error message)");
                throw new OrderProviderException(
                    $"RetailCRM answered HTTP {(int)response.StatusCode}" + (errorMessage is null ? "." : $": {errorMessage}"),
                    response.StatusCode,
                    errorMessage);
            }

            if (document is null)
            {
                throw new OrderProviderException("RetailCRM answered something that is not JSON.", response.StatusCode, null);
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("success", out var success) || success.ValueKind != JsonValueKind.True)
            {
                document.Dispose();
                LogRequestFailed(_logger, (int)response.StatusCode, errorMessage ?? "success is not true");
                throw new OrderProviderException(
                    "RetailCRM refused the request" + (errorMessage is null ? "." : $": {errorMessage}"),
                    response.StatusCode,
                    errorMessage);
            }

            return document;
        }
    }

    private static JsonDocument? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ErrorMessage(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var message = String(root, "errorMsg");
        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            var details = string.Join("; ", errors.EnumerateObject().Select(e => $"{e.Name}: {e.Value}"));
            if (details.Length > 0)
            {
                message = message is null ? details : $"{message} ({details})";
            }
        }

        return message;
    }

    private static Order? ToOrder(JsonElement order, IReadOnlyDictionary<string, RetailCrmStatus> statuses)
    {
        var number = String(order, "number");
        if (number is null)
        {
            return null;
        }

        var code = String(order, "status") ?? string.Empty;
        statuses.TryGetValue(code, out var status);
        var delivery = Object(order, "delivery");
        var data = delivery is { } d ? Object(d, "data") : null;
        var time = delivery is { } d2 ? Object(d2, "time") : null;
        var customer = Object(order, "customer");

        DateOnly? date = null;
        if (delivery is { } d3 && String(d3, "date") is { } rawDate &&
            DateOnly.TryParseExact(rawDate.Length >= 10 ? rawDate[..10] : rawDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
        }

        string? interval = null;
        if (time is { } t)
        {
            var from = String(t, "from");
            var to = String(t, "to");
            interval = String(t, "custom") ?? (from is not null && to is not null ? $"{from}–{to}" : from ?? to);
        }

        var phone = String(order, "phone");
        if (phone is null && customer is { } c && c.TryGetProperty("phones", out var phones) && phones.ValueKind == JsonValueKind.Array)
        {
            phone = phones.EnumerateArray().Select(p => String(p, "number")).FirstOrDefault(p => p is not null);
        }

        var email = String(order, "email") ?? (customer is { } c2 ? String(c2, "email") : null);
        var items = new List<OrderItem>();
        if (order.TryGetProperty("items", out var itemArray) && itemArray.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in itemArray.EnumerateArray())
            {
                var offer = Object(item, "offer");
                var name = (offer is { } o ? String(o, "displayName") ?? String(o, "name") : null) ?? String(item, "productName");
                var quantity = item.TryGetProperty("quantity", out var q) && q.ValueKind == JsonValueKind.Number ? q.GetDecimal() : 1m;
                if (name is not null)
                {
                    items.Add(new OrderItem(name, quantity));
                }
            }
        }

        return new Order(
            number,
            code,
            status is not null && status.Name.Length > 0 ? status.Name : null,
            date,
            interval,
            data is { } dd ? String(dd, "pickuppointAddress") : null,
            data is { } dd2 ? String(dd2, "trackNumber") : null,
            phone,
            email,
            delivery is { } d4 ? Address(d4) : null,
            items,
            status?.Group is not ("complete" or "cancel"));
    }

    private static string? Address(JsonElement delivery)
    {
        var address = Object(delivery, "address");
        if (address is not { } a)
        {
            return null;
        }

        return String(a, "text") ?? NullIfEmpty(string.Join(", ", new[] { "city", "street", "building", "flat" }.Select(p => String(a, p)).Where(v => v is not null)));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static JsonElement? Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? String(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "RetailCRM request failed with HTTP {StatusCode}: {Error}")]
    private static partial void LogRequestFailed(ILogger logger, int statusCode, string error);
}
