using Inbox.Silo.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Tests;

/// <summary>The webhook intake's queue on a real SQLite file: arrival order, failures, dead letters, and surviving a reopen.</summary>
public sealed class SqliteWebhookQueueStoreTests
{
    [Fact]
    public async Task Entries_keep_their_arrival_order_and_failures_and_survive_reopening_the_file()
    {
        using var file = new TempDatabase();
        var options = Options.Create(new SqliteOptions { Path = file.Path });
        var received = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

        long first, second, third;
        var database = new SqliteDatabase(options);
        await using (var writer = new SqliteWriteQueue(database, options, NullLogger<SqliteWriteQueue>.Instance))
        {
            await writer.StartAsync(CancellationToken.None);
            var queue = new SqliteWebhookQueueStore(database, writer);
            first = await queue.AddAsync("vk", "123", """{"type":"message_new"}""", received);
            second = await queue.AddAsync("telegram", "42", "{}", received.AddSeconds(1));
            third = await queue.AddAsync("vk", "123", "{\"n\":3}", received.AddSeconds(2));
            await queue.RecordFailureAsync(second, 3, "InvalidOperationException: down", dead: true);
            await queue.RecordFailureAsync(third, 1, "timeout", dead: false);
            await queue.RemoveAsync(first);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var reopened = new SqliteDatabase(options);
        await using var again = new SqliteWriteQueue(reopened, options, NullLogger<SqliteWriteQueue>.Instance);
        var entries = await new SqliteWebhookQueueStore(reopened, again).ListAsync();

        Assert.True(first < second && second < third);
        Assert.Equal([second, third], entries.Select(e => e.Id));
        var dead = entries[0];
        Assert.Equal(("telegram", "42", "{}", received.AddSeconds(1), 3, "InvalidOperationException: down", true),
            (dead.Source, dead.Partition, dead.Payload, dead.ReceivedAt, dead.Attempts, dead.LastError, dead.Dead));
        var pending = entries[1];
        Assert.Equal(("vk", "123", "{\"n\":3}", 1, false), (pending.Source, pending.Partition, pending.Payload, pending.Attempts, pending.Dead));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
