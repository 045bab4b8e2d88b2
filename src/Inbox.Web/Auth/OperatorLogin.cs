using System.Net;
using System.Security.Cryptography;
using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using Microsoft.AspNetCore.Identity;

namespace Inbox.Web.Auth;

/// <summary>
/// Checks a login and password. An unknown login, a disabled operator and a wrong password take the same path: one
/// password hash is verified every time (against a stand-in hash when there is no account), so the time to answer does
/// not tell which logins exist. Failures are counted by <see cref="LoginThrottle"/>.
/// </summary>
public sealed class OperatorLogin(IOperatorStore operators, IPasswordHasher<OperatorAccount> hasher, LoginThrottle throttle)
{
    private static readonly OperatorAccount StandIn = new(Guid.Empty, "", "", OperatorRole.Operator, "", DateTimeOffset.UnixEpoch);

    // made at start, so that the first unknown login costs no more than the others
    private readonly string _standInHash = hasher.HashPassword(StandIn, RandomNumberGenerator.GetHexString(32));

    public async Task<LoginOutcome> TryAsync(LoginRequest request, IPAddress? address, CancellationToken cancellationToken = default)
    {
        var login = request.Login?.Trim() ?? "";
        if (login.Length == 0 || string.IsNullOrEmpty(request.Password))
        {
            return new LoginOutcome(null);
        }

        if (await throttle.LockedUntilAsync(login, address, cancellationToken) is { } lockedUntil)
        {
            return new LoginOutcome(null, lockedUntil);
        }

        var account = await operators.FindByLoginAsync(login, cancellationToken);
        var verified = hasher.VerifyHashedPassword(account ?? StandIn, account?.PasswordHash ?? _standInHash, request.Password)
            != PasswordVerificationResult.Failed;
        if (account is null || account.Disabled || !verified)
        {
            await throttle.RecordFailureAsync(login, address, cancellationToken);
            return new LoginOutcome(null);
        }

        await throttle.RecordSuccessAsync(login, cancellationToken);
        return new LoginOutcome(account);
    }
}
