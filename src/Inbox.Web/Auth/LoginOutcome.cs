using Inbox.Domain.Operators;

namespace Inbox.Web.Auth;

/// <summary>A login attempt: the operator when it succeeded; <see cref="LockedUntil"/> when the login or the address is locked.</summary>
public sealed record LoginOutcome(OperatorAccount? Account, DateTimeOffset? LockedUntil = null);
