namespace Inbox.Domain.Work;

/// <summary>The nodes that currently run the bot and the ones that deliver the outbox.</summary>
[GenerateSerializer, Immutable, Alias("Inbox.WorkSubscribers")]
public sealed record WorkSubscribers(
    [property: Id(0)] IReadOnlyList<IWorkObserver> BotRunners,
    [property: Id(1)] IReadOnlyList<IWorkObserver> OutboxDispatchers)
{
    public static readonly WorkSubscribers None = new([], []);
}
