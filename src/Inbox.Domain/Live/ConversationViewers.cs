namespace Inbox.Domain.Live;

/// <summary>
/// Who has a conversation open now, on any web node (one entry per operator, however many consoles they have), sent to the
/// consoles that have it open whenever someone opens or leaves it, or starts or stops typing in it. <see cref="Version"/>
/// grows with each change, so a console keeps the newest list when two arrive out of order.
/// </summary>
[GenerateSerializer, Immutable, Alias("Inbox.ConversationViewers")]
public sealed record ConversationViewers(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] IReadOnlyList<ConversationViewer> Viewers,
    [property: Id(2)] long Version);
