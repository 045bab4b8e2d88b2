using Inbox.Domain.Operators;
using Microsoft.AspNetCore.Identity;

namespace Inbox.Web.Tests.Infrastructure;

/// <summary>The product's password hasher, counting how often a password is checked against a hash.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<OperatorAccount>
{
    private readonly PasswordHasher<OperatorAccount> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(OperatorAccount user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(OperatorAccount user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
