using System.Security.Claims;
using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Auth;

/// <summary>
/// Checks, on every authenticated request and for every live console connection, that the session a cookie or token names
/// still stands: it exists, is neither revoked nor expired, belongs to the operator the token names, and that operator still
/// exists and is not disabled. What the store said is cached per session for <see cref="AuthOptions.SessionCheckCache"/>
/// (at most 5 s); this node forgets it at once when it ends a session itself.
/// </summary>
public sealed class SessionValidator(ISessionStore sessions, IOperatorStore operators, IMemoryCache cache, IOptions<AuthOptions> options, TimeProvider clock)
{
    /// <summary>The operator as they are now, when the session stands; otherwise null.</summary>
    public async Task<OperatorAccount?> CheckAsync(Guid sessionId, Guid operatorId, CancellationToken cancellationToken = default)
    {
        var state = await ReadAsync(sessionId, cancellationToken);
        return state.Session is { } session && session.IsActive(clock.GetUtcNow()) && session.OperatorId == operatorId
            && state.Account is { Disabled: false } account && account.OperatorId == operatorId
                ? account
                : null;
    }

    /// <summary>
    /// The principal rebuilt from the operator's current account (a changed role or name counts at once), or null when the
    /// principal names no session, or its session no longer stands.
    /// </summary>
    public async Task<ClaimsPrincipal?> ValidateAsync(ClaimsPrincipal principal, string scheme, CancellationToken cancellationToken = default)
    {
        if (OperatorIdentity.SessionOf(principal) is not { } sessionId || OperatorIdentity.OperatorOf(principal) is not { } operatorId)
        {
            return null;
        }

        var account = await CheckAsync(sessionId, operatorId, cancellationToken);
        return account is null ? null : OperatorIdentity.Principal(account, scheme, sessionId, OperatorIdentity.RefreshOf(principal));
    }

    /// <summary>Drops what this node remembers of a session, so that its next use reads the store.</summary>
    public void Forget(Guid sessionId) => cache.Remove(Key(sessionId));

    private async Task<CachedSession> ReadAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var lifetime = options.Value.SessionCheckCache;
        if (lifetime > TimeSpan.Zero && cache.TryGetValue(Key(sessionId), out CachedSession? cached) && cached is not null)
        {
            return cached;
        }

        var session = await sessions.GetAsync(sessionId, cancellationToken);
        var state = new CachedSession(session, session is null ? null : await operators.GetAsync(session.OperatorId, cancellationToken));
        if (lifetime > TimeSpan.Zero)
        {
            cache.Set(Key(sessionId), state, lifetime);
        }

        return state;
    }

    private static string Key(Guid sessionId) => "session:" + sessionId.ToString("N");
}
