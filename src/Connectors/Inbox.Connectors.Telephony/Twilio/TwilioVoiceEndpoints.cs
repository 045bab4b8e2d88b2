using System.Globalization;
using System.Security;
using Inbox.Connectors.Twilio;
using Inbox.Connectors.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Telephony;

/// <summary>
/// Twilio Voice, every request checked by X-Twilio-Signature first (403 when wrong), over the URL built by
/// <see cref="TwilioSignedUrl"/>:
/// <list type="bullet">
/// <item><c>POST /webhooks/twilio/voice</c>: the incoming-call webhook and call status callbacks. A new inbound call is
/// answered with <c>&lt;Dial action=…/dial&gt;&lt;Number statusCallback=…&gt;</c> to <c>Telephony:Twilio:ForwardTo</c>, so
/// the forwarded leg reports its progress here and its outcome to <c>/dial</c>; without ForwardTo the caller hears the
/// unavailable message (<c>&lt;Say&gt;</c>, then <c>&lt;Hangup/&gt;</c>) and the call is logged as missed at once.</item>
/// <item><c>POST /webhooks/twilio/voice/dial</c>: the <c>&lt;Dial action&gt;</c> request with <c>DialCallStatus</c>, which
/// ends the call as answered (talk time <c>DialCallDuration</c>), busy, missed, failed or cancelled. A caller who was
/// not put through hears the unavailable message.</item>
/// </list>
/// </summary>
public static class TwilioVoiceEndpoints
{
    public const string Path = "/webhooks/twilio/voice";

    public const string DialActionPath = "/webhooks/twilio/voice/dial";

    public const string EmptyTwiml = """<?xml version="1.0" encoding="UTF-8"?><Response/>""";

    public const string HangupTwiml = """<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>""";

    /// <summary>The dialled leg's progress Twilio reports to <see cref="Path"/> (<c>&lt;Number statusCallbackEvent&gt;</c>).</summary>
    public const string NumberEvents = "initiated ringing answered completed";

    public static IEndpointRouteBuilder MapTwilioVoiceWebhook(this IEndpointRouteBuilder endpoints)
    {
        MapSigned(endpoints, Path, "TelephonyTwilioVoice",
            "A Twilio Voice incoming call or call status callback (X-Twilio-Signature, Channels:Twilio:AuthToken).", AnswerCallAsync);
        MapSigned(endpoints, DialActionPath, "TelephonyTwilioVoiceDial",
            "The outcome of a forwarded Twilio Voice call: the <Dial action> request with DialCallStatus (X-Twilio-Signature).", RecordDialOutcomeAsync);
        return endpoints;
    }

    private static void MapSigned(IEndpointRouteBuilder endpoints, string path, string name, string summary,
        Func<VoiceRequest, IFormCollection, CancellationToken, Task<IResult>> handle) =>
        endpoints.MapPost(path, (HttpContext context, IOptions<TwilioVoiceOptions> options, ICallEventSink sink, TimeProvider clock, ILoggerFactory loggers,
                CancellationToken cancellationToken) => HandleSignedAsync(new(context, options.Value, sink, clock, loggers), handle, cancellationToken))
            .AsChannelEndpoint()
            .WithTags("Telephony")
            .WithName(name)
            .WithSummary(summary)
            .DisableAntiforgery();

    /// <summary>The TwiML that forwards a new call: <paramref name="root"/> is the public root the request came to, <paramref name="query"/> its query (kept on our URLs).</summary>
    internal static string DialTwiml(TwilioVoiceOptions settings, string root, string query)
    {
        var action = SecurityElement.Escape(root + DialActionPath + query);
        var status = SecurityElement.Escape(root + Path + query);
        var timeout = settings.DialTimeoutSeconds.ToString(CultureInfo.InvariantCulture);
        return $"""<?xml version="1.0" encoding="UTF-8"?><Response><Dial action="{action}" method="POST" timeout="{timeout}"><Number statusCallbackEvent="{NumberEvents}" statusCallback="{status}" statusCallbackMethod="POST">{SecurityElement.Escape(settings.ForwardTo!.Trim())}</Number></Dial></Response>""";
    }

    /// <summary>The unavailable message in the configured language, then hang up.</summary>
    internal static string UnavailableTwiml(TwilioVoiceOptions settings) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><Response><Say language="{SecurityElement.Escape(settings.Language)}">{SecurityElement.Escape(settings.EffectiveUnavailableMessage)}</Say><Hangup/></Response>""";

    private static async Task<IResult> AnswerCallAsync(VoiceRequest request, IFormCollection form, CancellationToken cancellationToken)
    {
        var (context, settings, sink, clock, _) = request;
        var logger = request.Logger;
        string? Field(string name) => WebhookRequests.Field(form, name);
        var callEvent = TwilioVoiceConverter.Convert(Field, clock.GetUtcNow());
        var newCall = callEvent?.Kind == CallEventKind.Ringing && TwilioVoiceConverter.IsCallersLeg(Field);
        var forward = newCall && !string.IsNullOrWhiteSpace(settings.ForwardTo);
        CallEvent[] events = callEvent is null ? []
            : newCall && !forward
                // No one to put the call through to: the caller hears the message, and operators see a missed call to return.
                ? [callEvent, callEvent with { Kind = CallEventKind.Ended, Reason = CallEndReason.Missed }]
                : [callEvent];
        foreach (var e in events)
        {
            if (!await CallEventRecorder.TryRecordAsync(sink, e, logger, cancellationToken))
            {
                return Unstored();
            }
        }

        if (!newCall)
        {
            return Twiml(EmptyTwiml);
        }

        if (!forward)
        {
            return Twiml(UnavailableTwiml(settings));
        }

        var pathAndQuery = context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        var signedUrl = TwilioSignedUrl.For(context.Request, settings.PublicBaseUrl);
        var root = signedUrl[..^pathAndQuery.Length];
        return Twiml(DialTwiml(settings, root, context.Request.QueryString.ToUriComponent()));
    }

    private static async Task<IResult> RecordDialOutcomeAsync(VoiceRequest request, IFormCollection form, CancellationToken cancellationToken)
    {
        var (_, settings, sink, clock, _) = request;
        var logger = request.Logger;
        var callEvent = TwilioVoiceConverter.ConvertDialOutcome(name => WebhookRequests.Field(form, name), clock.GetUtcNow());
        if (callEvent is null)
        {
            logger.LogWarning("Twilio <Dial action> request without a known DialCallStatus ({DialCallStatus}); the call's end is left to its status callbacks",
                WebhookRequests.Field(form, "DialCallStatus"));
            return Twiml(HangupTwiml);
        }

        if (!await CallEventRecorder.TryRecordAsync(sink, callEvent, logger, cancellationToken))
        {
            return Unstored();
        }

        // Put through and talked: the call is over. Not put through: tell the caller we will call back (a hung-up caller hears nothing anyway).
        return Twiml(callEvent.Reason is CallEndReason.Answered or CallEndReason.Cancelled ? HangupTwiml : UnavailableTwiml(settings));
    }

    /// <summary>
    /// Hands the form of a request whose X-Twilio-Signature is right and that names a CallSid to <paramref name="handle"/>;
    /// otherwise answers 403 (signature), 415 (not a form), 413 (too large) or 400.
    /// </summary>
    private static async Task<IResult> HandleSignedAsync(VoiceRequest request, Func<VoiceRequest, IFormCollection, CancellationToken, Task<IResult>> handle,
        CancellationToken cancellationToken)
    {
        var (form, refused) = await ReadSignedFormAsync(request.Context, request.Settings, request.Logger, cancellationToken);
        return form is null ? refused! : await handle(request, form, cancellationToken);
    }

    private static async Task<(IFormCollection? Form, IResult? Refused)> ReadSignedFormAsync(HttpContext context, TwilioVoiceOptions settings, ILogger logger,
        CancellationToken cancellationToken)
    {
        var presented = context.Request.Headers[TwilioSignature.HeaderName].ToString();
        if (string.IsNullOrWhiteSpace(presented))
        {
            return (null, Forbidden());
        }

        var url = TwilioSignedUrl.For(context.Request, settings.PublicBaseUrl);
        if (!context.Request.HasFormContentType)
        {
            // Voice webhooks are forms. Anything else is refused; the signature is still checked first, over the URL alone.
            return (null, TwilioSignature.Verify(settings.AuthToken!, url, [], presented)
                ? Results.Text("Voice webhooks must be form posts.", "text/plain", statusCode: StatusCodes.Status415UnsupportedMediaType)
                : Forbidden());
        }

        var (form, readError) = await WebhookRequests.ReadFormAsync(context, cancellationToken);
        if (form is null)
        {
            return (null, Results.Text(readError!.Message, "text/plain", statusCode: readError.StatusCode));
        }

        var parameters = form.SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? ""))).ToList();
        if (!TwilioSignature.Verify(settings.AuthToken!, url, parameters, presented))
        {
            logger.LogWarning("Twilio voice webhook refused: X-Twilio-Signature does not match {Url}", url);
            return (null, Forbidden());
        }

        return string.IsNullOrWhiteSpace(WebhookRequests.Field(form, "CallSid"))
            ? (null, Results.Text("CallSid is required.", "text/plain", statusCode: StatusCodes.Status400BadRequest))
            : (form, null);
    }

    private static IResult Twiml(string twiml) => Results.Text(twiml, "text/xml; charset=utf-8");

    private static IResult Unstored() =>
        Results.Text("The event could not be stored, please send it again.", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);

    private static IResult Forbidden() =>
        Results.Text("X-Twilio-Signature is missing or wrong (Channels:Twilio:AuthToken, Channels:Twilio:PublicBaseUrl).", "text/plain",
            statusCode: StatusCodes.Status403Forbidden);
}
