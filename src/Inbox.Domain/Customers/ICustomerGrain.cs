using Inbox.Identity;

namespace Inbox.Domain.Customers;

/// <summary>The customer: a person with identities on several channels.</summary>
[Alias("Inbox.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithGuidKey
{
    /// <summary>The card, or null when no such customer exists.</summary>
    [Alias("Get")]
    Task<CustomerCard?> GetAsync();

    /// <summary>Records identities the customer owns and, when not yet known, their name. Idempotent.</summary>
    [Alias("Attach")]
    Task<CustomerCard> AttachAsync([Immutable] IReadOnlyList<ChannelIdentity> identities, string? name);

    /// <summary>
    /// Merges <paramref name="otherCustomerId"/> into this customer: its identities route here from now on and its timeline
    /// joins this one, nothing lost or doubled. Refused (<see cref="Conversations.ConversationException"/>) for a customer already merged.
    /// </summary>
    [Alias("Merge")]
    Task<CustomerCard> MergeAsync(Guid otherCustomerId);

    /// <summary>Undoes a merge: the other customer gets back its identities and the timeline items that came from it.</summary>
    [Alias("Unmerge")]
    Task<CustomerCard> UnmergeAsync(Guid otherCustomerId);

    /// <summary>Records on the merged-away customer where it went (null: back on its own), and hands over or takes back identities.</summary>
    [Alias("SetMergedInto")]
    Task<CustomerCard?> SetMergedIntoAsync(Guid? survivorId);

    /// <summary>Forgets identities that moved to another customer.</summary>
    [Alias("Detach")]
    Task DetachAsync([Immutable] IReadOnlyList<ChannelIdentity> identities);

    /// <summary>Marks one of the customer's identities as (un)reachable through one channel, with the reason shown to operators.</summary>
    [Alias("SetReachableOn")]
    Task SetReachableAsync(string channel, [Immutable] ChannelIdentity identity, bool reachable, string? reason);
}
