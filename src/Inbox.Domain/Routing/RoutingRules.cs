namespace Inbox.Domain.Routing;

/// <summary>Which team a conversation entering the queue goes to.</summary>
public static class RoutingRules
{
    /// <summary>
    /// The team of the first rule that matches (a rule naming a team that is not there is skipped); when none does, the first
    /// team by key whose skills cover the channel and the language (an empty skill list covers anything, an unknown channel
    /// or language is covered by any team); when none does, null: no team, the queue everyone sees.
    /// </summary>
    public static string? Choose(IReadOnlyList<RoutingRule> rules, IReadOnlyList<Team> teams, RoutingFacts facts)
    {
        var known = teams.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (known.Contains(rule.Team) && rule.Matches(facts))
            {
                return rule.Team;
            }
        }

        return teams.OrderBy(t => t.Key, StringComparer.Ordinal).FirstOrDefault(t => Covers(t, facts))?.Key;
    }

    /// <summary>Whether the team's skills cover the conversation's channel and language.</summary>
    public static bool Covers(Team team, RoutingFacts facts) =>
        Skill(team.Channels, facts.Channel) && Skill(team.Languages, facts.Language);

    private static bool Skill(IReadOnlyList<string> skills, string? value) =>
        skills.Count == 0 || value is null || skills.Contains(value, StringComparer.OrdinalIgnoreCase);
}
