using Inbox.Silo.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Tests;

/// <summary>Leases on a real SQLite file: one owner at a time, renewals by the owner, take-over after expiry or release.</summary>
public sealed class SqliteLeaseStoreTests
{
    [Fact]
    public async Task One_owner_holds_a_lease_until_it_expires_or_is_released()
    {
        using var file = new TempDatabase();
        var options = Options.Create(new SqliteOptions { Path = file.Path });
        var database = new SqliteDatabase(options);
        await using var writer = new SqliteWriteQueue(database, options, NullLogger<SqliteWriteQueue>.Instance);
        await writer.StartAsync(CancellationToken.None);
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var leases = new SqliteLeaseStore(database, writer, clock);
        var lease = TimeSpan.FromSeconds(30);

        Assert.True(await leases.TryAcquireAsync("telegram", "node-a", lease));
        Assert.False(await leases.TryAcquireAsync("telegram", "node-b", lease));
        Assert.True(await leases.TryAcquireAsync("vk", "node-b", lease));
        Assert.Equal("node-a", await leases.GetOwnerAsync("telegram"));

        // The owner renews; the other node waits until the renewed lease runs out.
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await leases.TryAcquireAsync("telegram", "node-a", lease));
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.False(await leases.TryAcquireAsync("telegram", "node-b", lease));
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Null(await leases.GetOwnerAsync("telegram"));
        Assert.True(await leases.TryAcquireAsync("telegram", "node-b", lease));
        Assert.False(await leases.TryAcquireAsync("telegram", "node-a", lease));

        // Only the owner can give a lease up.
        await leases.ReleaseAsync("telegram", "node-a");
        Assert.Equal("node-b", await leases.GetOwnerAsync("telegram"));
        await leases.ReleaseAsync("telegram", "node-b");
        Assert.True(await leases.TryAcquireAsync("telegram", "node-a", lease));
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
