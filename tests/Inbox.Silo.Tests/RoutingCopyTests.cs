using Inbox.Domain.Routing;
using Inbox.Silo.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Inbox.Silo.Tests;

/// <summary>
/// Each node routes by its copy of the teams and rules (<see cref="CachedTeamStore"/>): on three silos, a change made
/// through any of them is what every silo routes by next, while each has a copy it would otherwise keep using.
/// </summary>
[Collection(RoutingClusterCollection.Name)]
public sealed class RoutingCopyTests(RoutingClusterFixture fixture) : RoutingTestBase(fixture)
{
    private IReadOnlyList<CachedTeamStore> Silos =>
        fixture.Cluster.Silos.Select(s => ((InProcessSiloHandle)s).SiloHost!.Services.GetRequiredService<CachedTeamStore>()).ToList();

    [Fact]
    public async Task A_change_through_one_silo_is_what_every_silo_routes_by_next()
    {
        var silos = Silos;
        Assert.Equal(3, silos.Count);
        var team = NewTeamKey();
        var anna = await NewOperatorAsync(3);
        foreach (var silo in silos)
        {
            Assert.Null((await silo.ForRoutingAsync()).Find(team)); // each silo now has a copy without the team
        }

        Assert.True(await silos[0].SaveAsync(new Team(team, "Returns", ["email"], ["uk"], false, [])));
        await EverySiloAsync(silos, routing => Assert.Equal(["email"], routing.Find(team)!.Channels));

        var rules = await silos[1].GetRulesAsync();
        var rule = new RoutingRule(["email"], null, ["uk"], null, team);
        Assert.Empty(await silos[1].ReplaceRulesAsync([rule, .. rules]));
        await EverySiloAsync(silos, routing => Assert.Equal(team, routing.Rules[0].Team));

        Assert.Equal(TeamMembership.Done, await silos[2].SetMemberAsync(team, anna, true));
        await EverySiloAsync(silos, routing => Assert.Equal([anna], routing.Find(team.ToUpperInvariant())!.Members));

        Assert.True(await silos[0].SetAutoAssignAsync(team, true));
        await EverySiloAsync(silos, routing => Assert.True(routing.Find(team)!.AutoAssign));

        Assert.Empty(await silos[1].ReplaceRulesAsync(rules));
        Assert.Equal(TeamDeletion.Deleted, await silos[2].DeleteAsync(team));
        await EverySiloAsync(silos, routing =>
        {
            Assert.Null(routing.Find(team));
            Assert.DoesNotContain(routing.Rules, r => r.Team == team);
        });
    }

    /// <summary>What each silo routes by now is what the store holds, and passes <paramref name="check"/>.</summary>
    private async Task EverySiloAsync(IReadOnlyList<CachedTeamStore> silos, Action<RoutingTeams> check)
    {
        var stored = await Teams.ListAsync();
        foreach (var silo in silos)
        {
            var routing = await silo.ForRoutingAsync();
            Assert.Equal(stored.Select(t => (t.Key, t.AutoAssign, string.Join(",", t.Members))), routing.Teams.Select(t => (t.Key, t.AutoAssign, string.Join(",", t.Members))));
            check(routing);
        }
    }
}
