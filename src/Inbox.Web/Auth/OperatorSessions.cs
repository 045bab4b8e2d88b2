using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using Inbox.Web.Live;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Auth;

/// <summary>Starts and ends operators' sessions; an ended session is refused on this node at once (and on others within the cache window), and its live console connections are closed.</summary>
public sealed class OperatorSessions(ISessionStore store, SessionValidator validator, ConsoleSessionSweeper sweeper, IOptions<AuthOptions> options, TimeProvider clock)
{
    public async Task<OperatorSession> StartAsync(OperatorAccount account, bool refreshable, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var session = new OperatorSession(Guid.NewGuid(), account.OperatorId, now, now + options.Value.SessionLifetime,
            RefreshId: refreshable ? Guid.NewGuid() : null);
        await store.AddAsync(session, cancellationToken);
        return session;
    }

    public async Task EndAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await store.RevokeAsync(sessionId, clock.GetUtcNow(), cancellationToken);
        validator.Forget(sessionId);
        sweeper.CheckNow();
    }

    /// <summary>Ends every session of an operator (disabled, deleted).</summary>
    public async Task EndAllAsync(Guid operatorId, CancellationToken cancellationToken = default)
    {
        foreach (var sessionId in await store.RevokeAllAsync(operatorId, clock.GetUtcNow(), cancellationToken))
        {
            validator.Forget(sessionId);
        }

        sweeper.CheckNow();
    }
}
