using Microsoft.Extensions.Logging;

namespace Inbox.Connectors.Telephony;

/// <summary>Hands call events to the host's <see cref="ICallEventSink"/> and logs them without putting the number in the message.</summary>
internal static class CallEventRecorder
{
    /// <summary>True when the sink stored the event (or knew it already); false when the sink failed, so the webhook answers 503 and the PBX retries.</summary>
    public static async Task<bool> TryRecordAsync(ICallEventSink sink, CallEvent callEvent, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            var result = await sink.RecordAsync(callEvent, cancellationToken);
            logger.LogInformation(
                "Call event {Provider} {CallKey} {Kind} agent {Agent} reason {Reason} applied {Applied} from {Phone}",
                callEvent.Provider, callEvent.CallKey, callEvent.Kind, callEvent.AgentExtension, callEvent.Reason, result.Applied, callEvent.CallerRaw);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "The call event {Provider} {CallKey} {Kind} could not be stored", callEvent.Provider, callEvent.CallKey, callEvent.Kind);
            return false;
        }
    }
}
