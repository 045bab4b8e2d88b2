using Inbox.Domain.Operators;

namespace Inbox.Domain.Storage;

/// <summary>Operators' login sessions, durable so that a logout or a disabled operator is refused by every node and after a restart.</summary>
public interface ISessionStore
{
    Task AddAsync(OperatorSession session, CancellationToken cancellationToken = default);

    Task<OperatorSession?> GetAsync(Guid sessionId, CancellationToken cancellationToken = default);

    /// <summary>Revokes one session; false when it was unknown or already revoked.</summary>
    Task<bool> RevokeAsync(Guid sessionId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Revokes every active session of an operator and returns their ids.</summary>
    Task<IReadOnlyList<Guid>> RevokeAllAsync(Guid operatorId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the session's refresh token <paramref name="expected"/> by <paramref name="next"/>; false when the session
    /// is revoked or <paramref name="expected"/> is not its current refresh token (it was used already).
    /// </summary>
    Task<bool> TryRotateRefreshAsync(Guid sessionId, Guid expected, Guid next, CancellationToken cancellationToken = default);

    /// <summary>Deletes the sessions that expired before <paramref name="expiredBefore"/>; returns how many.</summary>
    Task<int> PurgeAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken = default);
}
