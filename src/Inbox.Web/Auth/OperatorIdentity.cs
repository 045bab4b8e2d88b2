using System.Security.Claims;
using Inbox.Domain.Operators;

namespace Inbox.Web.Auth;

/// <summary>The logged-in operator as the claims carry them.</summary>
public sealed record OperatorIdentity(Guid OperatorId, string Login, string DisplayName, OperatorRole Role, string? Extension = null)
{
    public const string DisplayNameClaim = "display_name";
    public const string ExtensionClaim = "extension";

    /// <summary>The session (see <see cref="OperatorSession"/>) a cookie or token belongs to.</summary>
    public const string SessionClaim = "session_id";

    /// <summary>The one refresh token of the session that may be used (in bearer tokens only).</summary>
    public const string RefreshClaim = "refresh_id";

    public static OperatorIdentity From(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The user has no operator id.");
        var role = Enum.Parse<OperatorRole>(user.FindFirstValue(ClaimTypes.Role) ?? nameof(OperatorRole.Operator), ignoreCase: true);
        return new OperatorIdentity(Guid.Parse(id), user.Identity?.Name ?? "", user.FindFirstValue(DisplayNameClaim) ?? "", role, user.FindFirstValue(ExtensionClaim));
    }

    /// <summary>The session a principal belongs to; null when it names none (made before sessions, or forged).</summary>
    public static Guid? SessionOf(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(SessionClaim), out var id) ? id : null;

    public static Guid? RefreshOf(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(RefreshClaim), out var id) ? id : null;

    public static Guid? OperatorOf(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static ClaimsPrincipal Principal(OperatorAccount account, string scheme, Guid sessionId, Guid? refreshId = null) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, account.OperatorId.ToString()),
        new Claim(ClaimTypes.Name, account.Login),
        new Claim(DisplayNameClaim, account.DisplayName),
        new Claim(ClaimTypes.Role, account.Role.ToString()),
        new Claim(SessionClaim, sessionId.ToString()),
        .. account.Extension is null ? Array.Empty<Claim>() : [new Claim(ExtensionClaim, account.Extension)],
        .. refreshId is null ? Array.Empty<Claim>() : [new Claim(RefreshClaim, refreshId.Value.ToString())],
    ], scheme));
}
