namespace Inbox.Silo.Grains;

/// <summary>The stored state of a customer. Small: the timeline lives in the message store.</summary>
public sealed class CustomerState
{
    public string? Name { get; set; }

    public List<string> Identities { get; set; } = [];

    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Identities that cannot be written to now, with the reason.</summary>
    public Dictionary<string, string> Unreachable { get; set; } = [];
}
