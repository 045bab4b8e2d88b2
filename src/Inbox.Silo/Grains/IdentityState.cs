namespace Inbox.Silo.Grains;

/// <summary>The stored state of an identity: which customer owns it.</summary>
public sealed class IdentityState
{
    public Guid? CustomerId { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }
}
