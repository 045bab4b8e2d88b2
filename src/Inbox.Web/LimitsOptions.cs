namespace Inbox.Web;

/// <summary>The <c>Limits</c> section: what one request may carry.</summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>The largest request body in bytes (1 MiB); a larger one is answered 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;
}
