namespace Inbox.Web.Auth;

/// <summary>
/// The answer of <c>GET /api/v1/auth/session</c>: whether the request carries a live session (cookie or bearer token) and,
/// when it does, who it is. A page asks it at load without a 401 for a visitor who has not logged in.
/// </summary>
public sealed record AuthSession(bool Authenticated, OperatorIdentity? Operator)
{
    public static readonly AuthSession None = new(false, null);
}
