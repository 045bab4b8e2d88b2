namespace Inbox.Domain.Operators;

/// <summary>
/// One login of an operator: a console cookie or a bearer token (with its refresh token) carries <see cref="SessionId"/>,
/// and every request is refused once the session is revoked (logout, a reused refresh token, the operator disabled) or
/// past <see cref="ExpiresAt"/>. <see cref="RefreshId"/> names the one refresh token that may still be used.
/// </summary>
public sealed record OperatorSession(
    Guid SessionId,
    Guid OperatorId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt = null,
    Guid? RefreshId = null)
{
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}
