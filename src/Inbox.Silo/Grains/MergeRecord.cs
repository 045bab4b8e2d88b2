namespace Inbox.Silo.Grains;

/// <summary>One customer merged into another: who, the identities that moved, and when.</summary>
public sealed class MergeRecord
{
    public Guid CustomerId { get; set; }

    public List<string> Identities { get; set; } = [];

    public DateTimeOffset MergedAt { get; set; }
}
