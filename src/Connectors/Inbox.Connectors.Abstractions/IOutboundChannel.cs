namespace Inbox.Connectors;

/// <summary>A connector's sending side. The outbox calls it, and retries it when it answers <see cref="DeliveryOutcome.Retry"/>.</summary>
public interface IOutboundChannel
{
    /// <summary>The channel name this sender serves (<see cref="ChannelNames"/>).</summary>
    string Channel { get; }

    Task<DeliveryOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}
