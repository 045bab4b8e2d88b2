namespace Inbox.Domain.Routing;

/// <summary>What routing knows of a conversation entering the queue; a null value is unknown.</summary>
/// <param name="Channel">The channel the customer last wrote from.</param>
/// <param name="Intent">The handoff's intent, else the bot's decision's.</param>
/// <param name="Language">The customer's language: the bot's decision's, else read from the text (<see cref="CustomerLanguage"/>).</param>
/// <param name="PossibleVictim">The handoff says the customer may be a fraud victim.</param>
public sealed record RoutingFacts(string? Channel, string? Intent, string? Language, bool PossibleVictim);
