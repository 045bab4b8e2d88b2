using System.Data.Common;
using Dapper;
using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using static Inbox.Silo.Storage.Sqlite.SqliteRows;

namespace Inbox.Silo.Storage.Sqlite;

public sealed class SqliteSessionStore(SqliteDatabase database, SqliteWriteQueue writer) : ISessionStore
{
    public Task AddAsync(OperatorSession session, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => connection.Execute("""
            INSERT INTO sessions (session_id, operator_id, created_at, expires_at, revoked_at, refresh_id)
            VALUES (@id, @operatorId, @created, @expires, @revoked, @refresh)
            """,
            new
            {
                id = Id(session.SessionId),
                operatorId = Id(session.OperatorId),
                created = Time(session.CreatedAt),
                expires = Time(session.ExpiresAt),
                revoked = Time(session.RevokedAt),
                refresh = Id(session.RefreshId),
            }, transaction), cancellationToken);

    public Task<OperatorSession?> GetAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        return Task.FromResult(SqliteReader.Query(connection, null,
            "SELECT session_id, operator_id, created_at, expires_at, revoked_at, refresh_id FROM sessions WHERE session_id = @id",
            new { id = Id(sessionId) }, Read).FirstOrDefault());
    }

    public Task<bool> RevokeAsync(Guid sessionId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => connection.Execute(
            "UPDATE sessions SET revoked_at = @at WHERE session_id = @id AND revoked_at IS NULL",
            new { id = Id(sessionId), at = Time(at) }, transaction) == 1, cancellationToken);

    public Task<IReadOnlyList<Guid>> RevokeAllAsync(Guid operatorId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        writer.WriteAsync<IReadOnlyList<Guid>>((connection, transaction) => connection.Query<string>(
            "UPDATE sessions SET revoked_at = @at WHERE operator_id = @id AND revoked_at IS NULL RETURNING session_id",
            new { id = Id(operatorId), at = Time(at) }, transaction).Select(Guid.Parse).ToList(), cancellationToken);

    public Task<bool> TryRotateRefreshAsync(Guid sessionId, Guid expected, Guid next, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => connection.Execute(
            "UPDATE sessions SET refresh_id = @next WHERE session_id = @id AND refresh_id = @expected AND revoked_at IS NULL",
            new { id = Id(sessionId), expected = Id(expected), next = Id(next) }, transaction) == 1, cancellationToken);

    // times are stored in one round-trip UTC format, so text order is time order
    public Task<int> PurgeAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => connection.Execute(
            "DELETE FROM sessions WHERE expires_at < @before", new { before = Time(expiredBefore) }, transaction), cancellationToken);

    private static OperatorSession Read(DbDataReader r) => new(
        Guid.Parse(r.GetString(0)), Guid.Parse(r.GetString(1)), ParseTime(r.GetString(2)), ParseTime(r.GetString(3)),
        r.IsDBNull(4) ? null : ParseTime(r.GetString(4)), r.IsDBNull(5) ? null : Guid.Parse(r.GetString(5)));
}
