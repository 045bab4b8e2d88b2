using System.Security.Claims;
using Inbox.Domain.Operators;

namespace Inbox.Web.Auth;

/// <summary>The logged-in operator as the claims carry them.</summary>
public sealed record OperatorIdentity(Guid OperatorId, string Login, string DisplayName, OperatorRole Role, string? Extension = null)
{
    public const string DisplayNameClaim = "display_name";
    public const string ExtensionClaim = "extension";

    public static OperatorIdentity From(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The user has no operator id.");
        var role = Enum.Parse<OperatorRole>(user.FindFirstValue(ClaimTypes.Role) ?? nameof(OperatorRole.Operator), ignoreCase: true);
        return new OperatorIdentity(Guid.Parse(id), user.Identity?.Name ?? "", user.FindFirstValue(DisplayNameClaim) ?? "", role, user.FindFirstValue(ExtensionClaim));
    }

    public static ClaimsPrincipal Principal(OperatorAccount account, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, account.OperatorId.ToString()),
        new Claim(ClaimTypes.Name, account.Login),
        new Claim(DisplayNameClaim, account.DisplayName),
        new Claim(ClaimTypes.Role, account.Role.ToString()),
        .. account.Extension is null ? Array.Empty<Claim>() : [new Claim(ExtensionClaim, account.Extension)],
    ], scheme));
}
