using Inbox.Connectors.Twilio;
using System.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Telephony;

/// <summary>
/// <c>POST /webhooks/twilio/voice</c>: Twilio's incoming-call webhook and call status callbacks. X-Twilio-Signature is
/// checked first (403 when wrong). The answer is TwiML: <c>&lt;Dial&gt;</c> to <c>Telephony:Twilio:ForwardTo</c> for a
/// ringing call when that is set, otherwise an empty <c>&lt;Response/&gt;</c> (which makes Twilio hang up a call that
/// reached this URL as its Voice URL: use it as the status callback URL, or set ForwardTo).
/// </summary>
public static class TwilioVoiceEndpoints
{
    public const string Path = "/webhooks/twilio/voice";

    public const string EmptyTwiml = """<?xml version="1.0" encoding="UTF-8"?><Response/>""";

    public static IEndpointRouteBuilder MapTwilioVoiceWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, HandleAsync)
            .AllowAnonymous()
            .WithTags("Telephony")
            .WithName("TelephonyTwilioVoice")
            .WithSummary("A Twilio Voice incoming call or call status callback (X-Twilio-Signature, Channels:Twilio:AuthToken).")
            .DisableAntiforgery();
        return endpoints;
    }

    internal static string Twiml(CallEvent? callEvent, string? forwardTo) =>
        callEvent?.Kind == CallEventKind.Ringing && !string.IsNullOrWhiteSpace(forwardTo)
            ? $"""<?xml version="1.0" encoding="UTF-8"?><Response><Dial>{SecurityElement.Escape(forwardTo.Trim())}</Dial></Response>"""
            : EmptyTwiml;

    private static async Task<IResult> HandleAsync(HttpContext context, IOptions<TwilioVoiceOptions> options, ICallEventSink sink, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var logger = loggers.CreateLogger(typeof(TwilioVoiceEndpoints).FullName!);
        var presented = context.Request.Headers["X-Twilio-Signature"].ToString();
        if (string.IsNullOrWhiteSpace(presented))
        {
            return Forbidden();
        }

        var url = TwilioSignedUrl.For(context.Request, settings.PublicBaseUrl);
        if (!context.Request.HasFormContentType)
        {
            // Voice webhooks are forms. Anything else is refused; the signature is still checked first, over the URL alone.
            return TwilioSignature.Verify(settings.AuthToken!, url, [], presented)
                ? Results.Text("Voice webhooks must be form posts.", "text/plain", statusCode: StatusCodes.Status415UnsupportedMediaType)
                : Forbidden();
        }

        var (form, readError) = await WebhookRequests.ReadFormAsync(context, cancellationToken);
        if (form is null)
        {
            return Results.Text(readError!.Message, "text/plain", statusCode: readError.StatusCode);
        }

        var parameters = form.SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? ""))).ToList();
        if (!TwilioSignature.Verify(settings.AuthToken!, url, parameters, presented))
        {
            logger.LogWarning("Twilio voice webhook refused: X-Twilio-Signature does not match {Url}", url);
            return Forbidden();
        }

        if (string.IsNullOrWhiteSpace(WebhookRequests.Field(form, "CallSid")))
        {
            return Results.Text("CallSid is required.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }

        var callEvent = TwilioVoiceConverter.Convert(name => WebhookRequests.Field(form, name), clock.GetUtcNow());
        if (callEvent is not null && !await CallEventRecorder.TryRecordAsync(sink, callEvent, logger, cancellationToken))
        {
            return Results.Text("The event could not be stored, please send it again.", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Text(Twiml(callEvent, settings.ForwardTo), "text/xml; charset=utf-8");
    }

    private static IResult Forbidden() =>
        Results.Text("X-Twilio-Signature is missing or wrong (Channels:Twilio:AuthToken, Channels:Twilio:PublicBaseUrl).", "text/plain",
            statusCode: StatusCodes.Status403Forbidden);
}
