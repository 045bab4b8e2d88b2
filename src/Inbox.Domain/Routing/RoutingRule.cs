namespace Inbox.Domain.Routing;

/// <summary>
/// One routing rule: when a conversation entering the queue meets every condition given (a null or empty list: any; a null
/// <see cref="PossibleVictim"/>: either), it goes to <see cref="Team"/>. Rules are tried in order; the first match wins.
/// </summary>
/// <param name="Channels">The channel the customer wrote from (telegram, vk, whatsapp, sms, email, api, voice).</param>
/// <param name="Intents">The intent of the bot's handoff or decision (order_status, fraud, human, other…), compared ignoring case.</param>
/// <param name="Languages">The customer's language (ru, uk, en…).</param>
/// <param name="PossibleVictim">True: only possible fraud victims; false: only others.</param>
/// <param name="Team">The key of the team that gets the conversation.</param>
[GenerateSerializer, Immutable, Alias("Inbox.RoutingRule")]
public sealed record RoutingRule(
    [property: Id(0)] IReadOnlyList<string>? Channels,
    [property: Id(1)] IReadOnlyList<string>? Intents,
    [property: Id(2)] IReadOnlyList<string>? Languages,
    [property: Id(3)] bool? PossibleVictim,
    [property: Id(4)] string Team)
{
    /// <summary>Whether the conversation meets every condition of the rule.</summary>
    public bool Matches(RoutingFacts facts) =>
        Meets(Channels, facts.Channel) && Meets(Intents, facts.Intent) && Meets(Languages, facts.Language)
        && (PossibleVictim is not { } victim || victim == facts.PossibleVictim);

    /// <summary>An empty condition is met by anything; a set one only by a known value in it.</summary>
    private static bool Meets(IReadOnlyList<string>? wanted, string? value) =>
        wanted is not { Count: > 0 } || (value is not null && wanted.Contains(value, StringComparer.OrdinalIgnoreCase));
}
