using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Inbox.Connectors.Webhooks;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// <c>POST /webhooks/twilio/status</c>: Twilio's word on a message it took (sent, delivered, read, undelivered, failed).
/// Signed like inbound messages (403, nothing kept); without <c>MessageSid</c> 400. Otherwise the callback is kept in the
/// <see cref="WebhookIntake"/> and answered 200 at once; <see cref="TwilioStatusHandler"/> records it afterwards, so a receipt
/// that waits for the outbox's record of the send never holds Twilio's request, and a node that stops meanwhile never answers 500.
/// </summary>
public sealed class TwilioStatusWebhook(TwilioWebhookReader reader, WebhookIntake intake, ILogger<TwilioStatusWebhook> logger)
{
    /// <summary>The intake's name for status callbacks.</summary>
    public const string Source = "twilio-status";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var read = await reader.ReadAsync(context, context.RequestAborted);
        if (!read.Authentic)
        {
            return read.Rejection;
        }

        var parameters = read.Parameters;
        var sid = TwilioStatusHandler.SidOf(parameters);
        if (sid is null)
        {
            return Results.Problem("MessageSid is missing.", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            await intake.EnqueueAsync(Source, sid, parameters.ToForm(), context.RequestAborted);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "Twilio status callback for {MessageSid} could not be kept", sid);
            return Results.Problem("The status could not be stored now.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Ok();
    }
}
