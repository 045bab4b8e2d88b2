namespace Inbox.Orders;

/// <summary>The <c>Orders</c> configuration section.</summary>
public sealed class OrdersOptions
{
    public const string SectionName = "Orders";

    /// <summary><c>File</c> (default) or <c>RetailCrm</c>.</summary>
    public string Provider { get; set; } = "File";

    /// <summary>The JSON file for the File provider; empty means the shipped demo orders.</summary>
    public string? File { get; set; }

    /// <summary>The language of the order system's own status names (<c>ru</c>, <c>uk</c> or <c>en</c>); <c>ru</c> by default.</summary>
    public string Language { get; set; } = "ru";

    /// <summary>
    /// Status names in other languages, by status code then language (<c>Orders:StatusNames:send-to-delivery:en</c>). Laid over
    /// the shipped table (<see cref="OrderStatusNames"/>) name by name; an empty name removes a shipped one.
    /// </summary>
    public Dictionary<string, Dictionary<string, string>> StatusNames { get; } = new(StringComparer.OrdinalIgnoreCase);
}
