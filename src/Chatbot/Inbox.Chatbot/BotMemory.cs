namespace Inbox.Chatbot;

/// <summary>
/// The small per-conversation state the host stores between turns and hands back with the next message.
/// It round-trips through System.Text.Json; properties missing from stored JSON take their defaults.
/// </summary>
/// <param name="Language">The language of the conversation so far: <c>ru</c>, <c>uk</c> or <c>en</c>.</param>
/// <param name="FailedAttempts">Consecutive turns in which the bot could not help (no order found, not understood).</param>
/// <param name="LastOrderNumber">The last order the bot found and reported.</param>
/// <param name="LastOrderStatus">The status name the order system gave for <see cref="LastOrderNumber"/>.</param>
/// <param name="AwaitingOrderNumber">The bot has asked for an order number.</param>
/// <param name="QuizStep">The index of the quiz situation awaiting an answer; null when no quiz is running.</param>
/// <param name="QuizScore">Correct answers so far in the running quiz.</param>
/// <param name="QuizOffered">The last answer offered the quiz (a plain "yes" starts it).</param>
/// <param name="LastIntent">The intent of the previous turn.</param>
/// <param name="LastSubIntent">The sub-intent of the previous turn.</param>
/// <param name="HandedOff">The bot has handed the conversation to a person.</param>
/// <param name="HintsSaid">
/// The standing hints already said in this conversation (<see cref="Local.StandingHints"/>: the way out to a person, the quiz offer...),
/// whatever channel they went to: each is said once. Null in memory stored before hints were remembered.
/// </param>
public sealed record BotMemory(
    string? Language = null,
    int FailedAttempts = 0,
    string? LastOrderNumber = null,
    string? LastOrderStatus = null,
    bool AwaitingOrderNumber = false,
    int? QuizStep = null,
    int QuizScore = 0,
    bool QuizOffered = false,
    string? LastIntent = null,
    string? LastSubIntent = null,
    bool HandedOff = false,
    IReadOnlyList<string>? HintsSaid = null)
{
    /// <summary>The memory of a conversation the bot has not seen yet.</summary>
    public static BotMemory Empty { get; } = new();
}
