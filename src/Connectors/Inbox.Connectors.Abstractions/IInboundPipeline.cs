namespace Inbox.Connectors;

/// <summary>
/// Where a connector hands an inbound message. The returned task completes only after the message is
/// durably stored, so a connector acknowledges its provider after awaiting it, never before.
/// </summary>
public interface IInboundPipeline
{
    Task<InboundAcceptance> AcceptAsync(InboundMessage message, CancellationToken cancellationToken);

    /// <summary>Changes the text of a stored inbound message in place (the timeline shows it was edited). False when no such message is stored.</summary>
    Task<bool> EditAsync(InboundEdit edit, CancellationToken cancellationToken);
}
