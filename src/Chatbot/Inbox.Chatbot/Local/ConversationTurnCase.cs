namespace Inbox.Chatbot.Local;

/// <summary>One customer message of a <see cref="ConversationCase"/> and what the bot must decide.</summary>
/// <param name="Text">The message.</param>
/// <param name="Intent">The expected decision intent (<c>order_status</c>, <c>fraud</c>, <c>human</c>, <c>other</c>), or <c>any</c>.</param>
/// <param name="SubIntent">The expected sub-intent when it matters (<c>fraud_already_victim</c>...), otherwise null (not checked).</param>
/// <param name="HandOff">Whether the bot hands the conversation to a person on this turn.</param>
/// <param name="PossibleVictim">The handoff card must mark a possible victim with Urgent priority.</param>
/// <param name="NoFailure">The turn must not count as a failed attempt (the bot understood and helped).</param>
/// <param name="Language">The reply language expected from this turn on (<c>ru</c>, <c>uk</c>, <c>en</c>), or null (not checked).</param>
/// <param name="SharesIdentity">An identity the channel verifies with this message (a contact the customer shares about themselves).</param>
public sealed record ConversationTurnCase(
    string Text,
    string Intent,
    string? SubIntent = null,
    bool HandOff = false,
    bool PossibleVictim = false,
    bool NoFailure = false,
    string? Language = null,
    string? SharesIdentity = null)
{
    /// <summary>The <see cref="Intent"/> that accepts any decision.</summary>
    public const string AnyIntent = "any";
}
