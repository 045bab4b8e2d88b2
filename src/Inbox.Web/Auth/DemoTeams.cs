using Inbox.Domain.Routing;
using Inbox.Domain.Storage;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Auth;

/// <summary>
/// With the demo accounts on (and <c>Demo:Teams</c>, on by default), creates demo teams and routing rules once, when no team
/// exists yet, so that routing shows at once: possible victims and the fraud intent go to <c>fraud-response</c>, email to
/// <c>email</c>, everything else to <c>orders</c>; the demo operators are their members. Runs after <see cref="DemoAccounts"/>.
/// </summary>
public sealed class DemoTeams(ITeamStore teams, IOperatorStore operators, IOptions<DemoOptions> demo, ILogger<DemoTeams> logger) : IHostedService
{
    private static readonly (Team Team, string[] Members)[] Seed =
    [
        (new Team("orders", "Orders", [], [], true, []), ["operator", "operator2"]),
        (new Team("fraud-response", "Fraud response", [], [], true, []), ["supervisor", "operator"]),
        (new Team("email", "Email", ["email"], [], true, []), ["operator2"]),
    ];

    private static readonly RoutingRule[] Rules =
    [
        new(null, null, null, true, "fraud-response"),
        new(null, ["fraud"], null, null, "fraud-response"),
        new(["email"], null, null, null, "email"),
        new(null, null, null, null, "orders"),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!demo.Value.Enabled || !demo.Value.Teams || (await teams.ListAsync(cancellationToken)).Count > 0)
        {
            return;
        }

        var accounts = (await operators.ListAsync(cancellationToken)).Where(a => a.Demo && !a.Disabled).ToList();
        if (accounts.Count == 0)
        {
            return; // demo accounts retired or never made here: no demo teams either
        }

        foreach (var (team, members) in Seed)
        {
            await teams.SaveAsync(team, cancellationToken);
            foreach (var account in accounts.Where(a => members.Contains(a.Login, StringComparer.OrdinalIgnoreCase)))
            {
                await teams.SetMemberAsync(team.Key, account.OperatorId, true, cancellationToken);
            }
        }

        await teams.ReplaceRulesAsync(Rules, cancellationToken);
        logger.LogWarning("Demo teams {Teams} and their routing rules were created (Demo:Teams=false leaves them out)",
            string.Join(", ", Seed.Select(s => s.Team.Key)));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
