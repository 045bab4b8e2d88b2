namespace Inbox.Silo.Grains;

/// <summary>The stored state of a customer. Small: the timeline lives in the message store.</summary>
public sealed class CustomerState
{
    public string? Name { get; set; }

    public List<string> Identities { get; set; } = [];

    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Set on a customer merged into another: the survivor.</summary>
    public Guid? MergedInto { get; set; }

    /// <summary>Customers merged into this one, with the identities each brought, so that a merge can be undone.</summary>
    public List<MergeRecord> Merged { get; set; } = [];

    /// <summary>Per channel, the identities that channel cannot write to now, with the reason.</summary>
    public Dictionary<string, Dictionary<string, string>> UnreachableOn { get; set; } = [];

    /// <summary>
    /// Stored before reachability was per channel: identity → reason. Read once and moved into <see cref="UnreachableOn"/>
    /// (a phone under SMS, where STOP is the only thing that marked one; any other identity under the channel of its kind).
    /// </summary>
    public Dictionary<string, string> Unreachable { get; set; } = [];
}
