using System.Data.Common;
using System.Text.Json;
using Dapper;
using Inbox.Domain.Storage;
using static Inbox.Silo.Storage.Sqlite.SqliteRows;

namespace Inbox.Silo.Storage.Sqlite;

public sealed class SqliteCustomerDirectory(SqliteDatabase database, SqliteWriteQueue writer) : ICustomerDirectory
{
    public Task UpsertAsync(Guid customerId, string? name, IReadOnlyList<string> identities, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) =>
        {
            var id = Id(customerId);
            connection.Execute("""
                INSERT INTO customers (customer_id, name, name_folded, identities) VALUES (@id, @name, @folded, @identities)
                ON CONFLICT (customer_id) DO UPDATE SET name = excluded.name, name_folded = excluded.name_folded, identities = excluded.identities
                """,
                new { id, name, folded = name?.ToUpperInvariant(), identities = JsonSerializer.Serialize(identities) }, transaction);
            foreach (var identity in identities)
            {
                connection.Execute("INSERT INTO customer_identities (identity, customer_id) VALUES (@identity, @id) ON CONFLICT (identity) DO UPDATE SET customer_id = excluded.customer_id",
                    new { identity, id }, transaction);
            }
        }, cancellationToken);

    public Task<IReadOnlyList<CustomerSummary>> SearchAsync(string? identity, string? nameFragment, int limit, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        const string columns = "c.customer_id, c.name, c.identities";
        List<CustomerSummary> rows;
        if (!string.IsNullOrEmpty(identity))
        {
            rows = SqliteReader.Query(connection, null,
                $"SELECT {columns} FROM customer_identities i JOIN customers c ON c.customer_id = i.customer_id WHERE i.identity = @identity LIMIT @limit",
                new { identity, limit }, Read);
        }
        else
        {
            var pattern = "%" + (nameFragment ?? "").ToUpperInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            rows = SqliteReader.Query(connection, null,
                $"SELECT {columns} FROM customers c WHERE c.name_folded LIKE @pattern ESCAPE '\\' ORDER BY c.name LIMIT @limit",
                new { pattern, limit }, Read);
        }

        return Task.FromResult<IReadOnlyList<CustomerSummary>>(rows);
    }

    private static CustomerSummary Read(DbDataReader r) => new(
        Guid.Parse(r.GetString(0)),
        r.IsDBNull(1) ? null : r.GetString(1),
        JsonSerializer.Deserialize<List<string>>(r.GetString(2)) ?? []);
}
