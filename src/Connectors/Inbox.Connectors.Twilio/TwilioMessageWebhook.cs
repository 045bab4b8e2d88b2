using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// <c>POST /webhooks/twilio/messages</c>: an inbound SMS or WhatsApp message. The signature is checked first; then the files are
/// downloaded, the message is handed to the pipeline, and only when it is stored does Twilio get its empty TwiML answer.
/// A repeated <c>MessageSid</c> is answered the same way and stores nothing.
/// </summary>
public sealed class TwilioMessageWebhook(
    TwilioWebhookReader reader,
    TwilioInboundConverter converter,
    TwilioMediaDownloader downloader,
    IInboundPipeline pipeline,
    IIdentityReachability reachability,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<TwilioMessageWebhook> logger)
{
    /// <summary>The answer that sends no reply (replies go through the REST API, so they are tracked).</summary>
    public const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var read = await reader.ReadAsync(context, context.RequestAborted);
        if (!read.Authentic)
        {
            return read.Rejection;
        }

        if (!converter.TryConvert(read.Parameters, out var incoming, out var statusCode, out var problem))
        {
            logger.LogWarning("Refused a Twilio message {MessageSid}: {Problem}", read.Parameters.Text("MessageSid"), problem);
            return Results.Problem(problem, statusCode: statusCode);
        }

        if (incoming.DeclaredMediaCount is { } declared && declared != incoming.Media.Count)
        {
            logger.LogInformation("Twilio message {MessageSid} says NumMedia={Declared} but carries {Present} media URLs; the URLs present are fetched",
                incoming.MessageSid, declared, incoming.Media.Count);
        }

        // The message is proven to be Twilio's: finish storing it even if Twilio stops waiting (its retry is then a duplicate).
        var cancellationToken = lifetime.ApplicationStopping;
        var (files, notes) = await downloader.DownloadAsync(incoming.MessageSid, incoming.Media, cancellationToken);
        var text = notes.Count == 0 ? incoming.Text : string.Join("\n", new[] { incoming.Text }.Where(t => !string.IsNullOrWhiteSpace(t)).Concat(notes));
        var message = new InboundMessage(incoming.Channel, incoming.MessageSid, incoming.From, incoming.SenderName, text, clock.GetUtcNow(),
            files.Count == 0 ? null : files);
        var accepted = await pipeline.AcceptAsync(message, cancellationToken);
        logger.LogDebug("Twilio {Channel} message {MessageSid} from {Identity} stored as {MessageId} (duplicate {Duplicate}, {Files} files)",
            incoming.Channel, incoming.MessageSid, incoming.From[0].ToString(), accepted.MessageId, accepted.Duplicate, files.Count);

        if (!accepted.Duplicate && incoming.OptOutType is "STOP" or "START")
        {
            await RecordOptOutAsync(incoming, cancellationToken);
        }

        return Results.Text(EmptyTwiml, "text/xml", Encoding.UTF8);
    }

    /// <summary>Twilio's Advanced Opt-Out recognised STOP or START: the customer's card shows whether SMS can reach them.</summary>
    private async Task RecordOptOutAsync(TwilioIncomingMessage incoming, CancellationToken cancellationToken)
    {
        var reachable = incoming.OptOutType == "START";
        var reason = reachable
            ? "The customer sent START: SMS can be sent to this number again."
            : "The customer replied STOP and unsubscribed from SMS: nothing can be sent until they send START.";
        try
        {
            await reachability.SetReachableAsync(incoming.Channel, incoming.From[0], reachable, reason, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // the message itself is stored; the card's note can wait for the next signal
            logger.LogWarning(ex, "Could not record that {Identity} sent {OptOutType}", incoming.From[0].ToString(), incoming.OptOutType);
        }
    }
}
