using Inbox.Domain.Operators;

namespace Inbox.Web.Auth;

/// <summary>An operator as the API shows one (never the password hash).</summary>
public sealed record OperatorView(Guid OperatorId, string Login, string DisplayName, OperatorRole Role, string? Extension, bool Disabled = false)
{
    public static OperatorView From(OperatorAccount account) =>
        new(account.OperatorId, account.Login, account.DisplayName, account.Role, account.Extension, account.Disabled);
}
