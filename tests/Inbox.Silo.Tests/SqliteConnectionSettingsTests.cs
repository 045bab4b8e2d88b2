using Dapper;

namespace Inbox.Silo.Tests;

/// <summary>
/// Every connection to the embedded store runs with its settings (flush at every commit, no checkpoint inside a commit,
/// a long wait for a lock), the first time it is opened and each time the pool hands it out again.
/// </summary>
public sealed class SqliteConnectionSettingsTests
{
    [Fact]
    public async Task A_connection_has_the_stores_settings_when_first_opened_and_when_the_pool_hands_it_out_again()
    {
        using var folder = new TempDatabase();
        var database = folder.OpenDatabase();

        for (var open = 0; open < 3; open++)
        {
            using var connection = database.Open();
            Assert.Equal(2L, connection.ExecuteScalar<long>("PRAGMA synchronous")); // FULL
            Assert.Equal(0L, connection.ExecuteScalar<long>("PRAGMA wal_autocheckpoint"));
            Assert.Equal(30_000L, connection.ExecuteScalar<long>("PRAGMA busy_timeout"));
            Assert.Equal(268_435_456L, connection.ExecuteScalar<long>("PRAGMA journal_size_limit"));
            Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        }

        // So has each connection the stores read through (lent and given back, SqliteReadConnectionsTests).
        for (var read = 0; read < 3; read++)
        {
            await using var connection = await database.OpenAsync();
            Assert.Equal(2L, await connection.ExecuteScalarAsync<long>("PRAGMA synchronous"));
            Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint"));
            Assert.Equal(30_000L, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
        }

        // The writer's connection is outside the pool and has them too (its temp_store: SqliteGroupCommitTests).
        using var writer = database.OpenWriter();
        Assert.Equal(2L, writer.ExecuteScalar<long>("PRAGMA synchronous"));
    }
}
