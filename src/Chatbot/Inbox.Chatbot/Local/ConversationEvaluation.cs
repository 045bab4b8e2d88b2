using System.Text.Json;
using Inbox.Identity;

namespace Inbox.Chatbot.Local;

/// <summary>
/// Plays whole conversations against a bot the way the host does — one request per customer message, the memory of each turn
/// handed to the next, identities the customer shares added as they come — and checks every turn's decision and handoff.
/// </summary>
public static class ConversationEvaluation
{
    private const string Channel = "telegram";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The path of the shipped held-out conversations next to the library.</summary>
    public static string HeldOutPath => Path.Combine(AppContext.BaseDirectory, "Data", "heldout-conversations.json");

    /// <summary>The shipped held-out conversations.</summary>
    public static IReadOnlyList<ConversationCase> LoadHeldOut() => LoadFile(HeldOutPath);

    /// <summary>Reads a JSON array of conversations (comments allowed).</summary>
    /// <exception cref="FormatException">The file is not such an array, or a conversation or turn misses its name, text or intent.</exception>
    public static IReadOnlyList<ConversationCase> LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(File.ReadAllText(path));
    }

    /// <summary>Parses a JSON array of conversations.</summary>
    /// <exception cref="FormatException">The text is not such an array, or a conversation or turn misses its name, text or intent.</exception>
    public static IReadOnlyList<ConversationCase> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        List<ConversationCase>? conversations;
        try
        {
            conversations = JsonSerializer.Deserialize<List<ConversationCase>>(json, JsonOptions);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"Not a JSON array of conversations: {exception.Message}", exception);
        }

        if (conversations is null)
        {
            throw new FormatException("Not a JSON array of conversations.");
        }

        foreach (var conversation in conversations)
        {
            if (string.IsNullOrWhiteSpace(conversation.Name) || conversation.Turns is not { Count: > 0 })
            {
                throw new FormatException($"Conversation \"{conversation.Name}\" needs a name and at least one turn.");
            }

            if (conversation.Turns.Any(t => string.IsNullOrWhiteSpace(t.Text) || string.IsNullOrWhiteSpace(t.Intent)))
            {
                throw new FormatException($"Conversation \"{conversation.Name}\": every turn needs a text and an intent.");
            }
        }

        return conversations;
    }

    /// <summary>Plays every conversation against <paramref name="bot"/> and checks each turn.</summary>
    public static async Task<ConversationReport> EvaluateAsync(IChatbot bot, IReadOnlyList<ConversationCase> conversations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(conversations);
        var failures = new List<ConversationFailure>();
        var passedConversations = 0;
        var turns = 0;
        var passedTurns = 0;
        foreach (var conversation in conversations)
        {
            var conversationId = Guid.NewGuid();
            var identities = (conversation.Identities ?? []).Select(ChannelIdentity.Parse).ToList();
            var memory = BotMemory.Empty;
            var allPassed = true;
            for (var i = 0; i < conversation.Turns.Count; i++)
            {
                var expected = conversation.Turns[i];
                if (expected.SharesIdentity is { } shared)
                {
                    identities.Add(ChannelIdentity.Parse(shared));
                }

                var failedBefore = memory.FailedAttempts;
                var request = new BotRequest(conversationId, Channel, expected.Text, identities.ToList(), null, memory, null)
                {
                    SharesOwnContact = expected.SharesIdentity is not null,
                };
                var turn = await bot.HandleAsync(request, cancellationToken).ConfigureAwait(false);
                memory = turn.Memory;
                turns++;
                if (Matches(expected, turn, failedBefore))
                {
                    passedTurns++;
                    continue;
                }

                allPassed = false;
                failures.Add(new ConversationFailure(conversation.Name, i + 1, Describe(expected), Describe(turn, failedBefore), expected.Text));
            }

            if (allPassed)
            {
                passedConversations++;
            }
        }

        return new ConversationReport(conversations.Count, passedConversations, turns, passedTurns, failures);
    }

    private static bool Matches(ConversationTurnCase expected, BotTurn turn, int failedBefore)
    {
        var decision = turn.Decision;
        return (expected.Intent == ConversationTurnCase.AnyIntent || expected.Intent == decision.Intent) &&
               (expected.SubIntent is null || expected.SubIntent == decision.SubIntent) &&
               expected.HandOff == turn.HandOff &&
               (!expected.PossibleVictim || turn.Handoff is { PossibleVictim: true, Priority: HandoffPriority.Urgent }) &&
               (!expected.NoFailure || turn.Memory.FailedAttempts <= failedBefore) &&
               (expected.Language is null || expected.Language == decision.Language);
    }

    private static string Describe(ConversationTurnCase expected) =>
        Join(
            expected.SubIntent is null ? expected.Intent : $"{expected.Intent}/{expected.SubIntent}",
            expected.HandOff ? (expected.PossibleVictim ? "urgent victim handoff" : "handoff") : "no handoff",
            expected.NoFailure ? "no failure" : null,
            expected.Language);

    private static string Describe(BotTurn turn, int failedBefore) =>
        Join(
            turn.Decision.SubIntent is null ? turn.Decision.Intent : $"{turn.Decision.Intent}/{turn.Decision.SubIntent}",
            turn.Handoff is { } card ? (card.PossibleVictim ? $"victim handoff ({card.Priority})" : $"handoff ({card.Priority})") : turn.HandOff ? "handoff" : "no handoff",
            turn.Memory.FailedAttempts > failedBefore ? "failure" : null,
            turn.Decision.Language);

    private static string Join(params string?[] parts) => string.Join(", ", parts.Where(p => p is not null));
}
