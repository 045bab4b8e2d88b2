using Inbox.Identity;

namespace Inbox.Domain.Customers;

/// <summary>
/// Who the customer is: a name and every address they have written or called from; <see cref="Unreachable"/> names the
/// identities (by their text form) that cannot be written to now (the customer blocked the bot), with the reason.
/// </summary>
[GenerateSerializer, Alias("Inbox.CustomerCard")]
public sealed record CustomerCard(
    [property: Id(0)] Guid CustomerId,
    [property: Id(1)] string? Name,
    [property: Id(2)] IReadOnlyList<ChannelIdentity> Identities,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] IReadOnlyDictionary<string, string>? Unreachable = null,
    [property: Id(5)] Guid? MergedInto = null,
    [property: Id(6)] IReadOnlyList<Guid>? Merged = null);
