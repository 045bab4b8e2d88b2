namespace Inbox.Orders;

/// <summary>The <c>Orders</c> configuration section.</summary>
public sealed class OrdersOptions
{
    public const string SectionName = "Orders";

    /// <summary><c>File</c> (default) or <c>RetailCrm</c>.</summary>
    public string Provider { get; set; } = "File";

    /// <summary>The JSON file for the File provider; empty means the shipped demo orders.</summary>
    public string? File { get; set; }
}
