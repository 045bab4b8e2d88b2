using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Inbox.Connectors.Telephony;

/// <summary>One Twilio Voice request and what its handler needs.</summary>
internal sealed record VoiceRequest(HttpContext Context, TwilioVoiceOptions Settings, ICallEventSink Sink, TimeProvider Clock, ILoggerFactory Loggers)
{
    public ILogger Logger => Loggers.CreateLogger(typeof(TwilioVoiceEndpoints).FullName!);
}
