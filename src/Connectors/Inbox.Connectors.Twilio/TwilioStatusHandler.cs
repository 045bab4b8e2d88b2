using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Inbox.Connectors.Webhooks;
using Inbox.Identity;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// Records a status callback <see cref="TwilioStatusWebhook"/> kept. Callbacks may come in any order: a receipt behind one already
/// recorded is dropped, and the host never moves a state backwards either. A SID Inbox did not send is ignored (after the wait
/// of <see cref="TwilioChannelOptions.UnknownReceiptRetryWindow"/> for a final status).
/// </summary>
public sealed class TwilioStatusHandler(
    IDeliveryReceipts receipts,
    IIdentityReachability reachability,
    PhoneNumberNormalizer phones,
    TwilioReceiptRanks ranks,
    IOptions<TwilioChannelOptions> options,
    TimeProvider clock,
    ILogger<TwilioStatusHandler> logger) : IWebhookHandler
{
    private static readonly TimeSpan FirstRetryPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxRetryPause = TimeSpan.FromSeconds(2);

    public static string? SidOf(TwilioWebhookParameters parameters) => parameters.Text("MessageSid") ?? parameters.Text("SmsSid");

    public async Task HandleAsync(WebhookWork work, CancellationToken cancellationToken)
    {
        var parameters = TwilioWebhookParameters.FromForm(System.Text.Encoding.UTF8.GetBytes(work.Entry.Payload));
        if (SidOf(parameters) is not { } sid)
        {
            return;
        }

        var statusText = string.Equals(parameters.Text("EventType"), "READ", StringComparison.OrdinalIgnoreCase)
            ? "read"
            : parameters.Text("MessageStatus") ?? parameters.Text("SmsStatus");
        if (TwilioMessageStatus.ToReceipt(statusText) is not { } status)
        {
            logger.LogDebug("Twilio status {MessageStatus} for {MessageSid} changes nothing", statusText, sid);
            return;
        }

        if (ranks.IsBehind(sid, status))
        {
            logger.LogDebug("Twilio status {MessageStatus} for {MessageSid} came after a later one; ignored", statusText, sid);
            return;
        }

        var channel = TwilioAddress.ChannelOf(parameters);
        TwilioErrorDescription? error = null;
        string? reason = null;
        if (status == ReceiptStatus.Failed)
        {
            var code = TwilioErrorCodes.Parse(parameters.Text("ErrorCode"));
            if (string.Equals(statusText, "canceled", StringComparison.OrdinalIgnoreCase))
            {
                reason = "The message was canceled before it was sent.";
            }
            else if (code is null && parameters.Text("ChannelStatusMessage") is null)
            {
                reason = $"Twilio reported the message as {statusText} without giving a reason.";
            }
            else
            {
                error = TwilioErrorCodes.Describe(code, parameters.Text("ChannelStatusMessage"));
                reason = error.Reason;
            }
        }

        var receipt = new DeliveryReceipt(channel, sid, status, reason);
        if (!await RecordAsync(receipt, cancellationToken))
        {
            logger.LogDebug("Twilio status {MessageStatus} for {MessageSid}: no {Channel} message has that id; ignored", statusText, sid, channel);
            return;
        }

        ranks.Recorded(sid, status);
        if (error is { RecipientUnreachable: true } && phones.ToIdentity(TwilioAddress.WithoutWhatsAppPrefix(parameters["To"] ?? "")) is { } recipient)
        {
            await reachability.SetReachableAsync(channel, recipient, false, error.Reason, cancellationToken);
        }
    }

    /// <summary>
    /// A final status may overtake the outbox's record of the send (Twilio can call back within milliseconds): an unknown id
    /// with a final status is tried again for <see cref="TwilioChannelOptions.UnknownReceiptRetryWindow"/>, after pauses of
    /// 250 ms, 500 ms, 1 s, then 2 s at most.
    /// </summary>
    private async Task<bool> RecordAsync(DeliveryReceipt receipt, CancellationToken cancellationToken)
    {
        var window = receipt.Status == ReceiptStatus.Sent ? TimeSpan.Zero : options.Value.UnknownReceiptRetryWindow;
        var started = clock.GetTimestamp();
        var pause = FirstRetryPause;
        while (true)
        {
            if (await receipts.RecordAsync(receipt, cancellationToken))
            {
                return true;
            }

            var left = window - clock.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.Delay(WholeMilliseconds(pause < left ? pause : left), clock, cancellationToken);
            pause = pause < MaxRetryPause / 2 ? pause * 2 : MaxRetryPause;
        }
    }

    /// <summary>
    /// Task.Delay counts whole milliseconds, so a rest under 1 ms would be no wait at all; and the timer may fire a little
    /// before the stopwatch agrees the time is up. Rounded up, every pass waits.
    /// </summary>
    private static TimeSpan WholeMilliseconds(TimeSpan wait) => TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(wait.TotalMilliseconds)));
}
