using System.Data.Common;
using Dapper;
using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using static Inbox.Silo.Storage.StoreReader;

namespace Inbox.Silo.Storage;

/// <summary>Operators' login sessions, the same SQL on SQLite (times as round-trip UTC text, so text order is time order) and PostgreSQL.</summary>
public abstract class SqlSessionStore(StoreConnections store) : ISessionStore
{
    private StoreValues Values => store.Values;

    public Task AddAsync(OperatorSession session, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) => connection.Execute("""
            INSERT INTO sessions (session_id, operator_id, created_at, expires_at, revoked_at, refresh_id)
            VALUES (@id, @operatorId, @created, @expires, @revoked, @refresh)
            """,
            new
            {
                id = Values.Id(session.SessionId),
                operatorId = Values.Id(session.OperatorId),
                created = Values.Time(session.CreatedAt),
                expires = Values.Time(session.ExpiresAt),
                revoked = Values.Time(session.RevokedAt),
                refresh = Values.Id(session.RefreshId),
            }, transaction), cancellationToken);

    public async Task<OperatorSession?> GetAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection,
            "SELECT session_id, operator_id, created_at, expires_at, revoked_at, refresh_id FROM sessions WHERE session_id = @id",
            new { id = Values.Id(sessionId) }, Read, cancellationToken).ConfigureAwait(false);
        return rows.FirstOrDefault();
    }

    public Task<bool> RevokeAsync(Guid sessionId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) => connection.Execute(
            "UPDATE sessions SET revoked_at = @at WHERE session_id = @id AND revoked_at IS NULL",
            new { id = Values.Id(sessionId), at = Values.Time(at) }, transaction) == 1, cancellationToken);

    public Task<IReadOnlyList<Guid>> RevokeAllAsync(Guid operatorId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync<IReadOnlyList<Guid>>((connection, transaction) => Query(connection, transaction,
            "UPDATE sessions SET revoked_at = @at WHERE operator_id = @id AND revoked_at IS NULL RETURNING session_id",
            new { id = Values.Id(operatorId), at = Values.Time(at) }, r => ReadGuid(r, 0)), cancellationToken);

    public Task<bool> TryRotateRefreshAsync(Guid sessionId, Guid expected, Guid next, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) => connection.Execute(
            "UPDATE sessions SET refresh_id = @next WHERE session_id = @id AND refresh_id = @expected AND revoked_at IS NULL",
            new { id = Values.Id(sessionId), expected = Values.Id(expected), next = Values.Id(next) }, transaction) == 1, cancellationToken);

    public Task<int> PurgeAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) => connection.Execute(
            "DELETE FROM sessions WHERE expires_at < @before", new { before = Values.Time(expiredBefore) }, transaction), cancellationToken);

    private static OperatorSession Read(DbDataReader r) => new(
        ReadGuid(r, 0), ReadGuid(r, 1), ReadTime(r, 2), ReadTime(r, 3), ReadNullableTime(r, 4), ReadNullableGuid(r, 5));
}
