using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Inbox.Connectors.Webhooks;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// <c>POST /webhooks/twilio/messages</c>: an inbound SMS or WhatsApp message. The signature is checked first (403, nothing kept);
/// a request without <c>MessageSid</c> or <c>From</c> is 400. Then the signed parameters are kept in the <see cref="WebhookIntake"/>
/// and Twilio gets its empty TwiML at once: Twilio does not retry after a 5xx or a timeout (it calls the Fallback URL and the
/// message is gone), so nothing slow happens before the answer; <see cref="TwilioMessageHandler"/> fetches the files and stores
/// the message afterwards. A sender that cannot be a customer (anonymous, a short code, a name, an unknown prefix) is answered
/// with empty TwiML too (Twilio counts a 4xx as error 11200) and a log line; nothing is kept.
/// </summary>
public sealed class TwilioMessageWebhook(
    TwilioWebhookReader reader,
    TwilioInboundConverter converter,
    WebhookIntake intake,
    ILogger<TwilioMessageWebhook> logger)
{
    /// <summary>The intake's name for inbound messages.</summary>
    public const string Source = "twilio-messages";

    /// <summary>The answer that sends no reply (replies go through the REST API, so they are tracked).</summary>
    public const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    public static IResult EmptyAnswer => Results.Text(EmptyTwiml, "text/xml", Encoding.UTF8);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var read = await reader.ReadAsync(context, context.RequestAborted);
        if (!read.Authentic)
        {
            return read.Rejection;
        }

        if (!converter.TryConvert(read.Parameters, out var incoming, out var statusCode, out var problem))
        {
            if (statusCode == StatusCodes.Status422UnprocessableEntity)
            {
                // Signed by Twilio, but from no one we can attribute: a 4xx would only count as error 11200 on Twilio's side.
                logger.LogInformation("Twilio message {MessageSid} is not taken: {Problem}", read.Parameters.Text("MessageSid"), problem);
                return EmptyAnswer;
            }

            logger.LogWarning("Refused a Twilio message {MessageSid}: {Problem}", read.Parameters.Text("MessageSid"), problem);
            return Results.Problem(problem, statusCode: statusCode);
        }

        try
        {
            await intake.EnqueueAsync(Source, incoming.From[0].ToString(), read.Parameters.ToForm(), context.RequestAborted);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "Twilio message {MessageSid} could not be kept; Twilio will call the Fallback URL", incoming.MessageSid);
            return Results.Problem("The message could not be stored now.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return EmptyAnswer;
    }
}
