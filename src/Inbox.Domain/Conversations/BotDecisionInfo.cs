namespace Inbox.Domain.Conversations;

/// <summary>Why the bot acted on a message: the intent it read, how sure it was, and the language it answered in.</summary>
[GenerateSerializer, Immutable, Alias("Inbox.BotDecisionInfo")]
public sealed record BotDecisionInfo(
    [property: Id(0)] string Intent,
    [property: Id(1)] double Confidence,
    [property: Id(2)] string? SubIntent,
    [property: Id(3)] string Language);
