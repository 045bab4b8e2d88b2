namespace Inbox.Benchmarks;

/// <summary>Where <see cref="LiveEventListener"/> reports each inbound message's live event: its external id and when it arrived.</summary>
public interface ILiveEventSink
{
    void OnInboundEvent(string externalId, long arrivedTimestamp);
}
