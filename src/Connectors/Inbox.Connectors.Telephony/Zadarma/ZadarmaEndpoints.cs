using Inbox.Connectors.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Telephony;

/// <summary>
/// <c>GET /webhooks/zadarma?zd_echo=x</c> answers <c>x</c> (Zadarma's check when the URL is saved);
/// <c>POST /webhooks/zadarma</c> takes signed notifications and answers 200 once the event is stored.
/// </summary>
public static class ZadarmaEndpoints
{
    public const string Path = "/webhooks/zadarma";

    public const int MaxEchoLength = 256;

    public static IEndpointRouteBuilder MapZadarmaWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, Echo)
            .AsChannelEndpoint()
            .WithTags("Telephony")
            .WithName("TelephonyZadarmaEcho")
            .WithSummary("Zadarma's URL check: answers the zd_echo value as plain text.");
        endpoints.MapPost(Path, HandleAsync)
            .AsChannelEndpoint()
            .WithTags("Telephony")
            .WithName("TelephonyZadarma")
            .WithSummary("A Zadarma PBX notification (NOTIFY_START, NOTIFY_INTERNAL, NOTIFY_ANSWER, NOTIFY_END), header Signature.")
            .DisableAntiforgery();
        return endpoints;
    }

    private static IResult Echo(HttpContext context)
    {
        var echo = context.Request.Query["zd_echo"].ToString();
        if (echo.Length == 0 || echo.Length > MaxEchoLength)
        {
            return Results.Text($"zd_echo is required (at most {MaxEchoLength} characters).", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Text(echo, "text/plain");
    }

    private static async Task<IResult> HandleAsync(HttpContext context, IOptions<ZadarmaOptions> options, ICallEventSink sink, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var presented = context.Request.Headers[ZadarmaSignature.HeaderName].ToString();
        if (string.IsNullOrWhiteSpace(presented))
        {
            return Unauthorized();
        }

        var (form, readError) = await WebhookRequests.ReadFormAsync(context, cancellationToken);
        if (form is null)
        {
            return Results.Text(readError!.Message, "text/plain", statusCode: readError.StatusCode);
        }

        string? Field(string name) => WebhookRequests.Field(form, name);
        var logger = loggers.CreateLogger(typeof(ZadarmaEndpoints).FullName!);
        var eventName = Field("event");
        var signedText = ZadarmaSignature.SignedText(eventName, Field);
        if (signedText is null)
        {
            // Notifications whose signing is not published (NOTIFY_SMS, …): nothing is read from them and nothing changes.
            logger.LogDebug("Zadarma notification {Event} ignored", eventName);
            return Results.Ok();
        }

        if (!ZadarmaSignature.Verify(options.Value.Secret!, signedText, presented))
        {
            logger.LogWarning("Zadarma notification {Event} refused: the signature does not match", eventName);
            return Unauthorized();
        }

        if (ZadarmaEventConverter.IsMapped(eventName) && string.IsNullOrWhiteSpace(Field("pbx_call_id")))
        {
            return Results.Text("pbx_call_id is required.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }

        var callEvent = ZadarmaEventConverter.Convert(Field, clock.GetUtcNow());
        if (callEvent is null)
        {
            return Results.Ok();
        }

        return await CallEventRecorder.TryRecordAsync(sink, callEvent, logger, cancellationToken)
            ? Results.Ok()
            : Results.Text("The event could not be stored, please send it again.", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult Unauthorized() =>
        Results.Text("The Signature header is missing or wrong (Telephony:Zadarma:Secret).", "text/plain", statusCode: StatusCodes.Status401Unauthorized);
}
