using System.Data.Common;
using Dapper;
using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using Microsoft.Data.Sqlite;
using static Inbox.Silo.Storage.Sqlite.SqliteRows;

namespace Inbox.Silo.Storage.Sqlite;

public sealed class SqliteOperatorStore(SqliteDatabase database, SqliteWriteQueue writer) : IOperatorStore
{
    private const string Columns = "operator_id, login, display_name, role, password_hash, created_at, extension";

    public Task<OperatorAccount?> FindByLoginAsync(string login, CancellationToken cancellationToken = default) =>
        Task.FromResult(Query($"SELECT {Columns} FROM operators WHERE login = @login", new { login }).FirstOrDefault());

    public Task<OperatorAccount?> GetAsync(Guid operatorId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Query($"SELECT {Columns} FROM operators WHERE operator_id = @id", new { id = Id(operatorId) }).FirstOrDefault());

    public Task<IReadOnlyList<OperatorAccount>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OperatorAccount>>(Query($"SELECT {Columns} FROM operators ORDER BY login", null));

    public Task<bool> TryAddAsync(OperatorAccount account, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => connection.Execute($"""
            INSERT INTO operators ({Columns}) VALUES (@id, @login, @name, @role, @hash, @created, @extension) ON CONFLICT (login) DO NOTHING
            """,
            new
            {
                id = Id(account.OperatorId),
                login = account.Login,
                name = account.DisplayName,
                role = (int)account.Role,
                hash = account.PasswordHash,
                created = Time(account.CreatedAt),
                extension = account.Extension,
            }, transaction) == 1, cancellationToken);

    private List<OperatorAccount> Query(string sql, object? parameters)
    {
        using var connection = database.Open();
        return SqliteReader.Query(connection, null, sql, parameters, Read);
    }

    private static OperatorAccount Read(DbDataReader r) => new(
        Guid.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), (OperatorRole)r.GetInt32(3), r.GetString(4), ParseTime(r.GetString(5)),
        r.IsDBNull(6) ? null : r.GetString(6));
}
