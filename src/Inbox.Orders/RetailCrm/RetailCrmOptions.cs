namespace Inbox.Orders.RetailCrm;

/// <summary>The <c>Orders:RetailCrm</c> configuration section.</summary>
public sealed class RetailCrmOptions
{
    public const string SectionName = "Orders:RetailCrm";

    /// <summary>The account's base URL, such as <c>https://shop.retailcrm.ru</c> (a fake server in tests). Required.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The API key, sent as the <c>X-API-KEY</c> header. Required.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The store code for a key that covers several stores; sent as <c>filter[sites][]</c>. Optional.</summary>
    public string? Site { get; set; }

    /// <summary>Request budget per API key (RetailCRM allows 10 per second on regular routes).</summary>
    public int RequestsPerSecond { get; set; } = 10;

    /// <summary>Retries after 429, 503 and other 5xx answers or network errors.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; later ones grow exponentially (with jitter). A Retry-After header wins.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest single retry delay.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>One request's time limit, retries included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the status reference (<c>/api/v5/reference/statuses</c>) is cached.</summary>
    public TimeSpan StatusCacheDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Page size of a customer's order lookup (20, 50 or 100).</summary>
    public int CustomerOrdersLimit { get; set; } = 50;
}
