using System.Net;
using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Auth;

/// <summary>
/// Counts failed logins per login and per client address; after <see cref="AuthOptions.MaxFailuresPerLogin"/> (or
/// <see cref="AuthOptions.MaxFailuresPerAddress"/>) within <see cref="AuthOptions.FailureWindow"/> the login (or address) is
/// locked for <see cref="AuthOptions.LockoutDuration"/>, even with the right password, unless an admin lifts it.
/// Unknown logins are counted like known ones, so a lockout says nothing about whether a login exists.
/// </summary>
public sealed class LoginThrottle(ILoginLockoutStore store, IOptions<AuthOptions> options, TimeProvider clock)
{
    public const string LoginPrefix = "login:";
    public const string AddressPrefix = "address:";

    public static string LoginKey(string login) => LoginPrefix + login.Trim().ToLowerInvariant();

    public static string AddressKey(IPAddress? address) =>
        AddressPrefix + (address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString());

    /// <summary>When the login or the address is locked, until when (the later of the two); otherwise null.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string login, IPAddress? address, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset? until = null;
        foreach (var key in new[] { LoginKey(login), AddressKey(address) })
        {
            if (await store.GetAsync(key, cancellationToken) is { LockedUntil: { } locked } && locked > now && (until is null || locked > until))
            {
                until = locked;
            }
        }

        return until;
    }

    public async Task RecordFailureAsync(string login, IPAddress? address, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var windowStart = now - settings.FailureWindow;
        var lockUntil = now + settings.LockoutDuration;
        await store.RecordFailureAsync(LoginKey(login), now, windowStart, settings.MaxFailuresPerLogin, lockUntil, cancellationToken);
        await store.RecordFailureAsync(AddressKey(address), now, windowStart, settings.MaxFailuresPerAddress, lockUntil, cancellationToken);
    }

    /// <summary>A successful login forgets the login's earlier failures (not the address's).</summary>
    public async Task RecordSuccessAsync(string login, CancellationToken cancellationToken = default)
    {
        var key = LoginKey(login);
        if (await store.GetAsync(key, cancellationToken) is not null)
        {
            await store.ClearAsync(key, cancellationToken);
        }
    }

    /// <summary>Lifts a lockout (and forgets the failures) of a key as <see cref="ListLockedAsync"/> names it.</summary>
    public Task<bool> LiftAsync(string key, CancellationToken cancellationToken = default) => store.ClearAsync(key, cancellationToken);

    public Task<IReadOnlyList<LoginLockout>> ListLockedAsync(CancellationToken cancellationToken = default) =>
        store.ListLockedAsync(clock.GetUtcNow(), cancellationToken);
}
