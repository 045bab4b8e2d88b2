using System.Data.Common;
using System.Text.Json;
using Dapper;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Storage;

/// <summary>The searchable copy of customers' names and identities, the same SQL on SQLite and PostgreSQL.</summary>
public abstract class SqlCustomerDirectory(StoreConnections store) : ICustomerDirectory
{
    public Task UpsertAsync(Guid customerId, string? name, IReadOnlyList<string> identities, CancellationToken cancellationToken = default) =>
        store.Writer.WriteStatementsAsync(statements => Write(statements, store.Values, new CustomerSummary(customerId, name, identities), replace: true),
            cancellationToken);

    /// <summary>
    /// Writes a customer's row and its identities' rows inside a write. With <paramref name="replace"/> false a row that
    /// is there already is kept as it is (the row of a customer's first message: the customer's grain may have written a
    /// fuller one before it). True when the row was written.
    /// </summary>
    public static bool Write(StoreStatements statements, StoreValues values, CustomerSummary customer, bool replace)
    {
        var id = values.Id(customer.CustomerId);
        if (!statements.Expect(replace ? ReplaceCustomerSql : InsertCustomerSql,
            new { id, name = customer.Name, folded = customer.Name?.ToUpperInvariant(), identities = JsonSerializer.Serialize(customer.Identities) }))
        {
            return false;
        }

        foreach (var identity in customer.Identities)
        {
            statements.Execute("INSERT INTO customer_identities (identity, customer_id) VALUES (@identity, @id) ON CONFLICT (identity) DO UPDATE SET customer_id = excluded.customer_id",
                new { identity, id });
        }

        return true;
    }

    private const string InsertCustomerSql = """
        INSERT INTO customers (customer_id, name, name_folded, identities) VALUES (@id, @name, @folded, @identities)
        ON CONFLICT (customer_id) DO NOTHING
        """;

    private const string ReplaceCustomerSql = """
        INSERT INTO customers (customer_id, name, name_folded, identities) VALUES (@id, @name, @folded, @identities)
        ON CONFLICT (customer_id) DO UPDATE SET name = excluded.name, name_folded = excluded.name_folded, identities = excluded.identities
        """;

    public async Task<CustomerSummary?> GetAsync(Guid customerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await StoreReader.QueryAsync(connection, "SELECT customer_id, name, identities FROM customers WHERE customer_id = @id",
            new { id = store.Values.Id(customerId) }, Read, cancellationToken).ConfigureAwait(false);
        return rows.FirstOrDefault();
    }

    public async Task<IReadOnlyList<CustomerSummary>> SearchAsync(string? identity, string? nameFragment, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        const string columns = "c.customer_id, c.name, c.identities";
        if (!string.IsNullOrEmpty(identity))
        {
            return await StoreReader.QueryAsync(connection,
                $"SELECT {columns} FROM customer_identities i JOIN customers c ON c.customer_id = i.customer_id WHERE i.identity = @identity LIMIT @limit",
                new { identity, limit }, Read, cancellationToken).ConfigureAwait(false);
        }

        var pattern = SqlLike.Containing((nameFragment ?? "").ToUpperInvariant());
        return await StoreReader.QueryAsync(connection,
            $"SELECT {columns} FROM customers c WHERE c.name_folded LIKE @pattern ESCAPE '\\' ORDER BY c.name LIMIT @limit",
            new { pattern, limit }, Read, cancellationToken).ConfigureAwait(false);
    }

    private static CustomerSummary Read(DbDataReader r) => new(
        StoreReader.ReadGuid(r, 0),
        StoreReader.ReadNullableString(r, 1),
        JsonSerializer.Deserialize<List<string>>(r.GetString(2)) ?? []);
}
