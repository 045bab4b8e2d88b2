using Inbox.Connectors.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// Twilio's webhooks: <c>POST /webhooks/twilio/messages</c> (inbound SMS and WhatsApp) and <c>POST /webhooks/twilio/status</c>
/// (status callbacks). Both check <c>X-Twilio-Signature</c> before anything else and take bodies up to 1 MB.
/// </summary>
public static class TwilioChannelEndpoints
{
    public const string MessagesPath = "/webhooks/twilio/messages";
    public const string StatusPath = "/webhooks/twilio/status";

    public static IEndpointRouteBuilder MapTwilioChannel(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("").WithTags("Twilio").AsChannelEndpoint();
        group.MapPost(MessagesPath, (HttpContext context, TwilioMessageWebhook webhook) => webhook.HandleAsync(context))
            .WithName("TwilioInboundMessage")
            .WithSummary("An inbound SMS or WhatsApp message from Twilio (X-Twilio-Signature); answered with empty TwiML once kept durably.")
            .Produces(StatusCodes.Status200OK, contentType: "text/xml")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost(StatusPath, (HttpContext context, TwilioStatusWebhook webhook) => webhook.HandleAsync(context))
            .WithName("TwilioMessageStatus")
            .WithSummary("A Twilio status callback for a reply (queued, sent, delivered, read, undelivered, failed).")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }
}
