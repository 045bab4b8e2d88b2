using Microsoft.Extensions.Logging;
using Inbox.Connectors.Webhooks;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// Processes an inbound message <see cref="TwilioMessageWebhook"/> kept: downloads its files, hands it to the pipeline (a repeated
/// <c>MessageSid</c> stores nothing) and records Twilio's STOP/START on the customer's card.
/// </summary>
public sealed class TwilioMessageHandler(
    TwilioInboundConverter converter,
    TwilioMediaDownloader downloader,
    IInboundPipeline pipeline,
    IIdentityReachability reachability,
    ILogger<TwilioMessageHandler> logger) : IWebhookHandler
{
    public async Task HandleAsync(WebhookWork work, CancellationToken cancellationToken)
    {
        var parameters = TwilioWebhookParameters.FromForm(System.Text.Encoding.UTF8.GetBytes(work.Entry.Payload));
        if (!converter.TryConvert(parameters, out var incoming, out _, out var problem))
        {
            logger.LogWarning("A kept Twilio message {MessageSid} cannot be read and is dropped: {Problem}", parameters.Text("MessageSid"), problem);
            return;
        }

        if (incoming.DeclaredMediaCount is { } declared && declared != incoming.Media.Count)
        {
            logger.LogInformation("Twilio message {MessageSid} says NumMedia={Declared} but carries {Present} media URLs; the URLs present are fetched",
                incoming.MessageSid, declared, incoming.Media.Count);
        }

        var (files, notes) = await downloader.DownloadAsync(incoming.MessageSid, incoming.Media, work.BestEffort, cancellationToken);
        var text = notes.Count == 0 ? incoming.Text : string.Join("\n", new[] { incoming.Text }.Where(t => !string.IsNullOrWhiteSpace(t)).Concat(notes));
        var message = new InboundMessage(incoming.Channel, incoming.MessageSid, incoming.From, incoming.SenderName, text, work.Entry.ReceivedAt,
            files.Count == 0 ? null : files);
        var accepted = await pipeline.AcceptAsync(message, cancellationToken);
        logger.LogDebug("Twilio {Channel} message {MessageSid} from {Identity} stored as {MessageId} (duplicate {Duplicate}, {Files} files)",
            incoming.Channel, incoming.MessageSid, incoming.From[0].ToString(), accepted.MessageId, accepted.Duplicate, files.Count);

        if (!accepted.Duplicate && incoming.OptOutType is "STOP" or "START")
        {
            await RecordOptOutAsync(incoming, cancellationToken);
        }
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
