using System.Globalization;
using System.Text.Json;
using Inbox.Identity;

namespace Inbox.Orders;

/// <summary>
/// Orders from a JSON file (<c>Orders:File</c>), or the demo orders shipped in <c>DemoData/orders.json</c>. The file holds the
/// status reference and the orders:
/// <code>
/// { "statuses": [ { "code": "delivering", "name": "Передан в службу доставки", "active": true } ],
///   "orders": [ { "number": "1048576", "status": "delivering", "deliveryDate": "2025-12-03", "deliveryInterval": "10:00–14:00",
///                 "pickupPoint": null, "trackingNumber": "RA123456789RU", "phone": "+79161234567", "email": "ivan@example.com",
///                 "address": "…", "items": [ { "name": "…", "quantity": 1 } ] } ] }
/// </code>
/// A status's <c>active</c> flag says whether orders in it are still open. The file is read once.
/// </summary>
public sealed class FileOrderProvider : IOrderProvider, IOrderStatusReference
{
    private const string DemoResource = "Inbox.Orders.DemoData.orders.json";

    private readonly IReadOnlyList<Order> _orders;
    private readonly IReadOnlyList<string> _statusNames;
    private readonly PhoneNumberNormalizer _phones;

    private FileOrderProvider(IReadOnlyList<Order> orders, IReadOnlyList<string> statusNames, PhoneNumberNormalizer? phones)
    {
        _orders = orders;
        _statusNames = statusNames;
        _phones = phones ?? new PhoneNumberNormalizer();
    }

    /// <summary>All orders in the file.</summary>
    public IReadOnlyList<Order> Orders => _orders;

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidOperationException">The file is missing or malformed.</exception>
    public static FileOrderProvider FromFile(string path, PhoneNumberNormalizer? phones = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new InvalidOperationException($"Orders:File points to {fullPath}, which does not exist.");
        }

        return FromJson(File.ReadAllText(fullPath), fullPath, phones);
    }

    /// <summary>The demo orders: <c>DemoData/orders.json</c> next to the assembly, or the copy embedded in it.</summary>
    public static FileOrderProvider Demo(PhoneNumberNormalizer? phones = null)
    {
        var besideAssembly = Path.Combine(AppContext.BaseDirectory, "DemoData", "orders.json");
        if (File.Exists(besideAssembly))
        {
            return FromJson(File.ReadAllText(besideAssembly), besideAssembly, phones);
        }

        using var stream = typeof(FileOrderProvider).Assembly.GetManifestResourceStream(DemoResource)
            ?? throw new InvalidOperationException($"The embedded resource {DemoResource} is missing.");
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd(), DemoResource, phones);
    }

    /// <summary>Reads orders from JSON text.</summary>
    /// <exception cref="InvalidOperationException">The JSON is malformed.</exception>
    public static FileOrderProvider FromJson(string json, string source = "orders JSON", PhoneNumberNormalizer? phones = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            var statuses = new Dictionary<string, (string Name, bool Active)>(StringComparer.Ordinal);
            if (root.TryGetProperty("statuses", out var statusArray) && statusArray.ValueKind == JsonValueKind.Array)
            {
                foreach (var status in statusArray.EnumerateArray())
                {
                    var code = String(status, "code") ?? throw new InvalidOperationException("A status has no code.");
                    statuses[code] = (String(status, "name") ?? string.Empty, !status.TryGetProperty("active", out var active) || active.ValueKind != JsonValueKind.False);
                }
            }

            var orders = new List<Order>();
            if (root.TryGetProperty("orders", out var orderArray) && orderArray.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in orderArray.EnumerateArray())
                {
                    var number = String(element, "number") ?? throw new InvalidOperationException("An order has no number.");
                    var code = String(element, "status") ?? string.Empty;
                    var known = statuses.TryGetValue(code, out var status);
                    var items = new List<OrderItem>();
                    if (element.TryGetProperty("items", out var itemArray) && itemArray.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in itemArray.EnumerateArray())
                        {
                            var quantity = item.TryGetProperty("quantity", out var q) && q.ValueKind == JsonValueKind.Number ? q.GetDecimal() : 1m;
                            items.Add(new OrderItem(String(item, "name") ?? string.Empty, quantity));
                        }
                    }

                    var date = String(element, "deliveryDate");
                    orders.Add(new Order(
                        number,
                        code,
                        known && status.Name.Length > 0 ? status.Name : null,
                        date is null ? null : DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                        String(element, "deliveryInterval"),
                        String(element, "pickupPoint"),
                        String(element, "trackingNumber"),
                        String(element, "phone"),
                        String(element, "email"),
                        String(element, "address"),
                        items,
                        !known || status.Active));
                }
            }

            return new FileOrderProvider(orders, statuses.Values.Select(s => s.Name).Where(n => n.Length > 0).ToArray(), phones);
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            throw new InvalidOperationException($"Cannot read orders from {source}: {exception.Message}", exception);
        }
    }

    public Task<IReadOnlyList<Order>> FindByNumberAsync(string number, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(number);
        IReadOnlyList<Order> result = _orders.Where(o => OrderNumbers.AreSame(o.Number, number)).ToArray();
        return Task.FromResult(result);
    }

    public Task<IReadOnlyList<Order>> FindByCustomerAsync(string? phoneE164, string? email, CancellationToken ct)
    {
        IReadOnlyList<Order> result = _orders
            .Where(o => (phoneE164 is not null && _phones.IsSame(o.CustomerPhone, phoneE164)) ||
                        (!string.IsNullOrWhiteSpace(email) && string.Equals(o.CustomerEmail?.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase)))
            .ToArray();
        return Task.FromResult(result);
    }

    public Task<IReadOnlyCollection<string>> GetStatusNamesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyCollection<string>>(_statusNames);

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;
}
