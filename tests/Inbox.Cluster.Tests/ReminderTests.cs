namespace Inbox.Cluster.Tests;

/// <summary>Orleans' ADO.NET reminders on our tables and queries: a reminder outlives the silo it was registered on.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReminderTests(PostgresServer postgres)
{
    private const string ClusterId = "reminder-test";

    [Fact]
    public async Task A_reminder_registered_before_a_restart_fires_after_it()
    {
        var database = await postgres.CreateDatabaseAsync();
        var key = "probe-" + Guid.NewGuid().ToString("N");

        await using (var before = await TestSilo.StartAsync(database, ClusterId))
        {
            await before.Grains.GetGrain<IReminderProbeGrain>(key).RegisterAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
            await before.StopAsync();
        }

        Assert.Equal(1L, await Database.ScalarAsync<long>(database, $"SELECT count(*) FROM orleansreminderstable WHERE grainid LIKE '%{key}'"));

        // Nothing calls the grain on the new silo: only the stored reminder can activate it there.
        await using var after = await TestSilo.StartAsync(database, ClusterId);
        await Poll.UntilAsync(() => Task.FromResult(ReminderTicks.SilosOf(key)), silos => silos.Contains(after.Address),
            $"the reminder to fire on {after.Address}", TimeSpan.FromSeconds(90));

        await after.Grains.GetGrain<IReminderProbeGrain>(key).UnregisterAsync();
        Assert.Equal(0L, await Database.ScalarAsync<long>(database, $"SELECT count(*) FROM orleansreminderstable WHERE grainid LIKE '%{key}'"));
    }
}
