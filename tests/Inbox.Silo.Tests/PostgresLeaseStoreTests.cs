using Inbox.Silo.Storage.Postgres;

namespace Inbox.Silo.Tests;

/// <summary>
/// Leases on PostgreSQL, as several nodes share them: one owner at a time even when many nodes ask at once, renewals by the
/// owner, take-over once the lease runs out by the database's clock, release by the owner only.
/// </summary>
public sealed class PostgresLeaseStoreTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Of_many_nodes_asking_at_once_one_holds_the_lease_until_it_runs_out_or_is_released()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        var nodes = new List<PostgresStoreFactory>();
        for (var i = 0; i < 4; i++)
        {
            nodes.Add(await PostgresStoreFactory.StartAsync(database));
        }

        try
        {
            var leases = nodes.Select(n => new PostgresLeaseStore(n.Database, n.Writer, TimeProvider.System)).ToList();
            var longLease = TimeSpan.FromMinutes(5);

            var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => leases[i % 4].TryAcquireAsync("telegram", $"node-{i}", longLease)));
            var winner = $"node-{Array.IndexOf(answers, true)}";
            Assert.Single(answers, a => a);
            Assert.Equal(winner, await leases[1].GetOwnerAsync("telegram"));
            Assert.True(await leases[2].TryAcquireAsync("telegram", winner, longLease));
            Assert.False(await leases[3].TryAcquireAsync("telegram", "node-late", longLease));

            // Only the owner gives it up; then another node takes it.
            await leases[0].ReleaseAsync("telegram", "node-late");
            Assert.Equal(winner, await leases[0].GetOwnerAsync("telegram"));
            await leases[0].ReleaseAsync("telegram", winner);
            Assert.Null(await leases[0].GetOwnerAsync("telegram"));
            Assert.True(await leases[3].TryAcquireAsync("telegram", "node-late", longLease));

            // A lease its owner stops renewing runs out by the database's clock, and another node takes it over.
            Assert.True(await leases[0].TryAcquireAsync("imap", "node-a", TimeSpan.FromMilliseconds(300)));
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (await leases[1].GetOwnerAsync("imap") is not null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.True(await leases[1].TryAcquireAsync("imap", "node-b", longLease));
            Assert.False(await leases[0].TryAcquireAsync("imap", "node-a", longLease));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }
}
