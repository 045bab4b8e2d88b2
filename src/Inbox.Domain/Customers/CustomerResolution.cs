namespace Inbox.Domain.Customers;

/// <summary>Whom an inbound message is from (<see cref="ICustomerResolver"/>).</summary>
/// <param name="CustomerId">The customer, whose conversation stores the message.</param>
/// <param name="ClaimsSender">
/// A new customer known by the one identity the message came from, which nobody owned: the identity is not claimed yet. The
/// message's own commit claims it (<c>IncomingMessage.ClaimsSender</c>), so a first message makes one write, not two; when
/// another message from that address claimed it first, the commit is refused (<c>IdentityClaimedException</c>) and the
/// sender is resolved again.
/// </param>
public sealed record CustomerResolution(Guid CustomerId, bool ClaimsSender = false);
