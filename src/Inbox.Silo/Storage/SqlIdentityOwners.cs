using System.Data.Common;
using Dapper;
using Inbox.Domain.Customers;
using Inbox.Identity;

namespace Inbox.Silo.Storage;

/// <summary>Who owns each channel identity (<see cref="IIdentityOwners"/>), the same SQL on SQLite and PostgreSQL.</summary>
public abstract class SqlIdentityOwners(StoreConnections store, TimeProvider clock) : IIdentityOwners
{
    private const string OwnerOf = "SELECT customer_id FROM identity_owners WHERE identity = @identity";

    public async Task<Guid?> FindAsync(ChannelIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var owners = await StoreReader.QueryAsync(connection, OwnerOf, new { identity = identity.ToString() }, r => StoreReader.ReadGuid(r, 0), cancellationToken).ConfigureAwait(false);
        return owners.Count == 0 ? null : owners[0];
    }

    public async Task<ListedOwner?> FindListedAsync(ChannelIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var owners = await StoreReader.QueryAsync(connection, """
            SELECT o.customer_id, c.customer_id, c.name
            FROM identity_owners o
            LEFT JOIN customer_identities i ON i.identity = o.identity AND i.customer_id = o.customer_id
            LEFT JOIN customers c ON c.customer_id = i.customer_id
            WHERE o.identity = @identity
            """, new { identity = identity.ToString() },
            r => new ListedOwner(StoreReader.ReadGuid(r, 0), !r.IsDBNull(1), !r.IsDBNull(2) && !string.IsNullOrWhiteSpace(r.GetString(2))),
            cancellationToken).ConfigureAwait(false);
        return owners.Count == 0 ? null : owners[0];
    }

    public Task<Guid> ClaimAsync(ChannelIdentity identity, Guid customerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var key = identity.ToString();
        var at = clock.GetUtcNow();
        return store.Writer.WriteStatementsAsync(statements => Claim(statements, store.Values, key, customerId, at), cancellationToken);
    }

    public Task<bool> ReassignAsync(ChannelIdentity identity, Guid from, Guid to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var key = identity.ToString();
        return store.Writer.WriteAsync((connection, transaction) => connection.Execute(
            "UPDATE identity_owners SET customer_id = @to WHERE identity = @key AND customer_id = @from",
            new { key, from = store.Values.Id(from), to = store.Values.Id(to) }, transaction) == 1, cancellationToken);
    }

    /// <summary>
    /// Inside a write: gives <paramref name="identity"/> to <paramref name="customerId"/> unless it has an owner, and returns the
    /// owner. The owner is read only when the identity had one: a claim that inserted its row is answered without a read.
    /// </summary>
    public static Guid Claim(StoreStatements statements, StoreValues values, string identity, Guid customerId, DateTimeOffset at)
    {
        var inserted = statements.Expect(
            "INSERT INTO identity_owners (identity, customer_id, claimed_at) VALUES (@identity, @id, @at) ON CONFLICT (identity) DO NOTHING",
            new { identity, id = values.Id(customerId), at = values.Time(at) });
        return inserted ? customerId : statements.Query(OwnerOf, new { identity }, r => StoreReader.ReadGuid(r, 0))[0];
    }
}
