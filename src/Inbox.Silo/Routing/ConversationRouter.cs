using Inbox.Domain.Routing;
using Inbox.Domain.Storage;
using Microsoft.Extensions.Logging;

namespace Inbox.Silo.Routing;

/// <summary>Reads the teams and the rules (this node's copy, <see cref="CachedTeamStore"/>) and applies <see cref="RoutingRules.Choose"/>.</summary>
public sealed partial class ConversationRouter(CachedTeamStore teams, IConversationQueries queries, ILogger<ConversationRouter> logger) : IConversationRouter
{
    public async Task<string?> ChooseTeamAsync(Guid conversationId, RoutingFacts facts)
    {
        try
        {
            var (all, rules) = await teams.ForRoutingAsync();
            if (all.Count == 0)
            {
                return null;
            }

            if (facts.Language is null && facts.Channel is not null)
            {
                var latest = await queries.LastInboundAsync(conversationId, facts.Channel);
                var decided = latest?.BotDecision?.Language;
                facts = facts with { Language = string.IsNullOrWhiteSpace(decided) ? CustomerLanguage.Detect(latest?.Text) : decided };
            }

            return RoutingRules.Choose(rules, all, facts);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUnrouted(ex, conversationId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing could not read the teams or rules; conversation {ConversationId} enters the queue without a team")]
    private partial void LogUnrouted(Exception exception, Guid conversationId);
}
