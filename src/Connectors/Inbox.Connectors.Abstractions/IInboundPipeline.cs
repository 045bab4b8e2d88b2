namespace Inbox.Connectors;

/// <summary>
/// Where a connector hands an inbound message. The returned task completes only after the message is
/// durably stored, so a connector acknowledges its provider after awaiting it, never before.
/// </summary>
public interface IInboundPipeline
{
    Task<InboundAcceptance> AcceptAsync(InboundMessage message, CancellationToken cancellationToken);
}
