using Inbox.Identity;

namespace Inbox.Domain.Customers;

/// <summary>
/// Who the customer is: a name and every address they have written or called from. <see cref="UnreachableOn"/> names,
/// per channel, the identities (by their text form) that channel cannot write to now (the customer blocked the bot,
/// replied STOP to SMS), with the reason: a phone can be unreachable by SMS and still reachable on WhatsApp.
/// <see cref="Unreachable"/> is the older, channel-less view kept for existing readers: only identities that exactly one
/// channel writes to (<c>telegram:</c> by Telegram, <c>vk:</c> by VK, <c>email:</c> by email), never a phone.
/// </summary>
[GenerateSerializer, Immutable, Alias("Inbox.CustomerCard")]
public sealed record CustomerCard(
    [property: Id(0)] Guid CustomerId,
    [property: Id(1)] string? Name,
    [property: Id(2)] IReadOnlyList<ChannelIdentity> Identities,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] IReadOnlyDictionary<string, string>? Unreachable = null,
    [property: Id(5)] Guid? MergedInto = null,
    [property: Id(6)] IReadOnlyList<Guid>? Merged = null,
    [property: Id(7)] IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? UnreachableOn = null)
{
    /// <summary>Whether <paramref name="channel"/> cannot write to <paramref name="identity"/> now.</summary>
    public bool IsUnreachable(string channel, ChannelIdentity identity) =>
        UnreachableOn is not null && UnreachableOn.TryGetValue(channel, out var identities) && identities.ContainsKey(identity.ToString());
}
