namespace Inbox.Domain.Customers;

/// <summary>
/// An identity's owner as the identity index and the customer directory have it: <see cref="Listed"/> when the owner's
/// directory row lists this identity, <see cref="Named"/> when that row has a name. A sender whose owner lists it (and is
/// named, when the message names its sender) has nothing to attach: its customer's grain need not be asked.
/// </summary>
public sealed record ListedOwner(Guid CustomerId, bool Listed, bool Named);
