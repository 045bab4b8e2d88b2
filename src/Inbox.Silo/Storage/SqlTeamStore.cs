using System.Data.Common;
using System.Text.Json;
using Dapper;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Routing;
using static Inbox.Silo.Storage.StoreReader;

namespace Inbox.Silo.Storage;

/// <summary>
/// Teams in <c>teams</c> (skills as JSON lists), their members in <c>team_members</c>, the routing rules in
/// <c>routing_rules</c> (one JSON row per rule, by position). The same SQL on SQLite and PostgreSQL. A member whose operator
/// account was deleted is not listed.
/// </summary>
public abstract class SqlTeamStore(StoreConnections store) : ITeamStore
{
    private StoreValues Values => store.Values;

    public async Task<Team?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadTeamsAsync("WHERE t.team_key = @key", new { key = key.ToLowerInvariant() }, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<Team>> ListAsync(CancellationToken cancellationToken = default) =>
        await ReadTeamsAsync("", null, cancellationToken).ConfigureAwait(false);

    private async Task<List<Team>> ReadTeamsAsync(string filter, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, $"""
            SELECT t.team_key, t.name, t.channels, t.languages, t.auto_assign, m.operator_id FROM teams t
            LEFT JOIN team_members m ON m.team_key = t.team_key AND m.operator_id IN (SELECT operator_id FROM operators)
            {filter} ORDER BY t.team_key
            """, parameters, r => (Team: new Team(r.GetString(0), r.GetString(1), List(r.GetString(2)), List(r.GetString(3)), ReadFlag(r, 4), []),
                Member: ReadNullableGuid(r, 5)), cancellationToken).ConfigureAwait(false);
        return rows.GroupBy(r => r.Team.Key, StringComparer.Ordinal)
            .Select(g => g.First().Team with { Members = g.Where(r => r.Member is not null).Select(r => r.Member!.Value).Order().ToList() })
            .ToList();
    }

    public Task<bool> SaveAsync(Team team, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) =>
        {
            var parameters = new
            {
                key = team.Key,
                name = team.Name,
                channels = Json(team.Channels),
                languages = Json(team.Languages),
                autoAssign = Values.Flag(team.AutoAssign),
            };
            var updated = connection.Execute(
                "UPDATE teams SET name = @name, channels = @channels, languages = @languages, auto_assign = @autoAssign WHERE team_key = @key",
                parameters, transaction);
            if (updated == 0)
            {
                connection.Execute("INSERT INTO teams (team_key, name, channels, languages, auto_assign) VALUES (@key, @name, @channels, @languages, @autoAssign)",
                    parameters, transaction);
            }

            return updated == 0;
        }, cancellationToken);

    public Task<TeamDeletion> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) =>
        {
            if (!TeamExists(connection, transaction, key))
            {
                return TeamDeletion.NotFound;
            }

            if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM conversations WHERE team = @key AND status <> @resolved",
                    new { key, resolved = (int)ConversationStatus.Resolved }, transaction) > 0)
            {
                return TeamDeletion.HasOpenConversations;
            }

            if (ReadRules(connection, transaction).Any(r => r.Team == key))
            {
                return TeamDeletion.UsedByRules;
            }

            connection.Execute("DELETE FROM team_members WHERE team_key = @key", new { key }, transaction);
            connection.Execute("DELETE FROM teams WHERE team_key = @key", new { key }, transaction);
            return TeamDeletion.Deleted;
        }, cancellationToken);

    public Task<TeamMembership> SetMemberAsync(string key, Guid operatorId, bool member, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) =>
        {
            var id = Values.Id(operatorId);
            if (!TeamExists(connection, transaction, key))
            {
                return TeamMembership.TeamNotFound;
            }

            if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM operators WHERE operator_id = @id", new { id }, transaction) == 0)
            {
                return TeamMembership.OperatorNotFound;
            }

            connection.Execute(member
                ? "INSERT INTO team_members (team_key, operator_id) VALUES (@key, @id) ON CONFLICT DO NOTHING"
                : "DELETE FROM team_members WHERE team_key = @key AND operator_id = @id", new { key, id }, transaction);
            return TeamMembership.Done;
        }, cancellationToken);

    public Task<bool> SetAutoAssignAsync(string key, bool enabled, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) => connection.Execute("UPDATE teams SET auto_assign = @enabled WHERE team_key = @key",
            new { key, enabled = Values.Flag(enabled) }, transaction) == 1, cancellationToken);

    public async Task<IReadOnlyList<RoutingRule>> GetRulesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, "SELECT rule FROM routing_rules ORDER BY position", null, ReadRule, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<string>> ReplaceRulesAsync(IReadOnlyList<RoutingRule> rules, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync<IReadOnlyList<string>>((connection, transaction) =>
        {
            var known = Query(connection, transaction, "SELECT team_key FROM teams", null, r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);
            var unknown = rules.Select(r => r.Team).Where(t => !known.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                return unknown;
            }

            connection.Execute("DELETE FROM routing_rules", null, transaction);
            for (var i = 0; i < rules.Count; i++)
            {
                connection.Execute("INSERT INTO routing_rules (position, rule) VALUES (@position, @rule)", new { position = i, rule = Json(rules[i]) }, transaction);
            }

            return [];
        }, cancellationToken);

    private static bool TeamExists(DbConnection connection, DbTransaction transaction, string key) =>
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM teams WHERE team_key = @key", new { key }, transaction) > 0;

    private static List<RoutingRule> ReadRules(DbConnection connection, DbTransaction transaction) =>
        Query(connection, transaction, "SELECT rule FROM routing_rules ORDER BY position", null, ReadRule);

    private static RoutingRule ReadRule(DbDataReader r) => JsonSerializer.Deserialize<RoutingRule>(r.GetString(0), InboxJson.Options)!;

    private static List<string> List(string json) => JsonSerializer.Deserialize<List<string>>(json, InboxJson.Options) ?? [];

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, InboxJson.Options);
}
