using Npgsql;
using Orleans.Runtime;

namespace Inbox.Cluster.Tests;

/// <summary>Orleans' ADO.NET membership on our tables and queries, driven by real silos on loopback.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MembershipTests(PostgresServer postgres)
{
    private const string ClusterId = "membership-test";

    [Fact]
    public async Task Silos_join_one_leaves_gracefully_and_a_killed_one_is_suspected_and_declared_dead_by_the_other()
    {
        var database = await postgres.CreateDatabaseAsync();

        await using var first = await TestSilo.StartAsync(database, ClusterId);
        await using var second = await TestSilo.StartAsync(database, ClusterId);
        await UntilStatusAsync(database, first.Address, MembershipRow.Active);
        await UntilStatusAsync(database, second.Address, MembershipRow.Active);

        // Leaving gracefully: the silo's row ends Dead (it writes it itself as it stops).
        await second.StopAsync();
        await UntilStatusAsync(database, second.Address, MembershipRow.Dead);
        Assert.Equal(MembershipRow.Active, (await RowAsync(database, first.Address))!.Status);

        // Killed: its database is cut first, so only the surviving silo can write its fate.
        await using var relay = new TcpRelay(postgres.Server.Port);
        var throughRelay = new NpgsqlConnectionStringBuilder(database) { Port = relay.Port }.ConnectionString;
        await using var third = await TestSilo.StartAsync(throughRelay, ClusterId);
        await UntilStatusAsync(database, third.Address, MembershipRow.Active);
        relay.Cut();
        await third.KillAsync();

        var dead = await UntilStatusAsync(database, third.Address, MembershipRow.Dead);
        Assert.Contains(first.Address.ToParsableString(), dead.SuspectTimes ?? "");
        Assert.Equal(MembershipRow.Active, (await RowAsync(database, first.Address))!.Status);

        // The version row counted every change, and the survivor still sees a consistent table.
        var version = await Database.ScalarAsync<int>(database, $"SELECT version FROM orleansmembershipversiontable WHERE deploymentid = '{ClusterId}'");
        Assert.True(version >= 6, $"version {version}");
    }

    private static async Task<MembershipRow?> RowAsync(string database, SiloAddress silo) =>
        (await Database.MembershipAsync(database, ClusterId)).SingleOrDefault(r =>
            r.Port == silo.Endpoint.Port && r.Generation == silo.Generation && r.Address == silo.Endpoint.Address.ToString());

    private static async Task<MembershipRow> UntilStatusAsync(string database, SiloAddress silo, int status) =>
        (await Poll.UntilAsync(() => RowAsync(database, silo), row => row?.Status == status, $"{silo} to have status {status}", TimeSpan.FromSeconds(90)))!;
}
