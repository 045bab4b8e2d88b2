using System.Globalization;

namespace Inbox.Connectors.Telephony;

/// <summary>
/// Maps Zadarma notifications of incoming calls to <see cref="CallEvent"/>s (call key <c>pbx_call_id</c>):
/// <c>NOTIFY_START</c> → Ringing with no agent (the call entered the PBX); <c>NOTIFY_INTERNAL</c> → Ringing at
/// <c>internal</c> (leg = the extension, so each ringing extension counts); <c>NOTIFY_ANSWER</c> → Answered by
/// <c>internal</c> (or <c>destination</c>); <c>NOTIFY_END</c> → Ended, reason from <c>disposition</c>, talk time from
/// <c>duration</c> when answered. Outgoing-call, IVR and recording notifications are acknowledged and ignored.
/// Times are the moment the notification arrived (<c>call_start</c> carries no time zone).
/// </summary>
public static class ZadarmaEventConverter
{
    /// <summary>The notifications this adapter maps (the others are acknowledged and ignored).</summary>
    public static bool IsMapped(string? eventName) =>
        eventName is ZadarmaEvents.Start or ZadarmaEvents.Internal or ZadarmaEvents.Answer or ZadarmaEvents.End;

    /// <summary>The event, or null when the notification is one this adapter ignores (or lacks pbx_call_id).</summary>
    public static CallEvent? Convert(Func<string, string?> field, DateTimeOffset now)
    {
        var eventName = field("event");
        var callKey = field("pbx_call_id")?.Trim();
        if (string.IsNullOrEmpty(callKey))
        {
            return null;
        }

        var caller = CallerNumbers.FromProvider(field("caller_id"));
        var dialled = CallerNumbers.FromProvider(field("called_did"));
        var extension = Trimmed(field("internal"));
        return eventName switch
        {
            ZadarmaEvents.Start => new CallEvent(TelephonyProviders.Zadarma, callKey, null, null, CallEventKind.Ringing, CallDirection.Inbound,
                caller, null, dialled, null, now),
            ZadarmaEvents.Internal when extension is not null => new CallEvent(TelephonyProviders.Zadarma, callKey, extension, null, CallEventKind.Ringing,
                CallDirection.Inbound, caller, null, dialled, extension, now),
            ZadarmaEvents.Answer => Answered(callKey, caller, extension ?? CallerNumbers.FromProvider(field("destination")), now),
            ZadarmaEvents.End => Ended(callKey, caller, dialled, extension, field("disposition"), field("duration"), now),
            _ => null,
        };
    }

    public static CallEndReason EndReason(string? disposition) => disposition?.Trim().ToLowerInvariant() switch
    {
        "answered" => CallEndReason.Answered,
        "busy" => CallEndReason.Busy,
        "cancel" or "no answer" => CallEndReason.Missed,
        "failed" or "no money" or "unallocated number" or "no limit" or "no day limit" or "line limit" or "no money, no limit" => CallEndReason.Failed,
        _ => CallEndReason.Unknown,
    };

    private static CallEvent Answered(string callKey, string? caller, string? agent, DateTimeOffset now) =>
        new(TelephonyProviders.Zadarma, callKey, agent, null, CallEventKind.Answered, CallDirection.Inbound, caller, null, null, agent, now);

    private static CallEvent Ended(string callKey, string? caller, string? dialled, string? extension, string? disposition, string? duration, DateTimeOffset now)
    {
        var reason = EndReason(disposition);
        int? seconds = int.TryParse(duration?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        return new CallEvent(TelephonyProviders.Zadarma, callKey, null, null, CallEventKind.Ended, CallDirection.Inbound, caller, null, dialled,
            extension, now, reason, TalkSeconds: reason == CallEndReason.Answered ? seconds : null);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
