using Inbox.Silo.Storage.Postgres;
using Npgsql;

namespace Inbox.Cluster.Tests;

[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresServer postgres)
{
    /// <summary>The query keys Orleans.{Clustering,Persistence,Reminders}.AdoNet 10.4.2 look up (the assemblies' own strings).</summary>
    public static readonly string[] ProviderQueryKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "MembershipReadRowKey",
        "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "DeleteReminderRowKey",
        "DeleteReminderRowsKey",
    ];

    private static readonly string[] Tables = ["orleansmembershiptable", "orleansmembershipversiontable", "orleansquery", "orleansreminderstable", "orleansstorage"];

    [Fact]
    public async Task Applied_twice_it_creates_every_table_and_query_once()
    {
        var database = await postgres.CreateDatabaseAsync();
        await OrleansPostgresMigration.ApplyAsync(database);
        var first = await SnapshotAsync(database);
        await OrleansPostgresMigration.ApplyAsync(database);
        var second = await SnapshotAsync(database);

        Assert.Equal(Tables, first.Tables);
        Assert.Equal(first, second);
        Assert.Equal(OrleansPostgresSchema.Queries.Count, first.Queries.Count);
        Assert.All(ProviderQueryKeys, key => Assert.Contains(key, first.Queries.Keys));
        Assert.All(OrleansPostgresSchema.Queries, q => Assert.Equal(q.Value, first.Queries[q.Key]));
    }

    [Fact]
    public async Task Silos_starting_at_once_apply_it_side_by_side()
    {
        var database = await postgres.CreateDatabaseAsync();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => OrleansPostgresMigration.ApplyAsync(database))));

        var snapshot = await SnapshotAsync(database);
        Assert.Equal(Tables, snapshot.Tables);
        Assert.Equal(OrleansPostgresSchema.Queries.Count, snapshot.Queries.Count);
    }

    [Fact]
    public async Task A_query_text_left_by_an_older_version_is_replaced()
    {
        var database = await postgres.CreateDatabaseAsync();
        await OrleansPostgresMigration.ApplyAsync(database);
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE orleansquery SET querytext = 'SELECT 1' WHERE querykey = 'GatewaysQueryKey'", connection);
            await command.ExecuteNonQueryAsync();
        }

        await OrleansPostgresMigration.ApplyAsync(database);

        var snapshot = await SnapshotAsync(database);
        Assert.Equal(OrleansPostgresSchema.Queries["GatewaysQueryKey"], snapshot.Queries["GatewaysQueryKey"]);
    }

    private static async Task<Snapshot> SnapshotAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var queries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT querykey, querytext FROM orleansquery", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                queries.Add(reader.GetString(0), reader.GetString(1));
            }
        }

        var indexes = await Database.ScalarAsync<long>(database, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'");
        return new Snapshot(tables, queries, indexes);
    }

    private sealed record Snapshot(List<string> Tables, SortedDictionary<string, string> Queries, long Indexes)
    {
        public bool Equals(Snapshot? other) =>
            other is not null && Tables.SequenceEqual(other.Tables) && Queries.SequenceEqual(other.Queries) && Indexes == other.Indexes;

        public override int GetHashCode() => HashCode.Combine(Tables.Count, Queries.Count, Indexes);
    }
}
