using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Inbox.Identity;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// Sends replies by SMS or WhatsApp through <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>; one instance per
/// channel, both sharing <see cref="TwilioRestClient"/>. Each message asks for status callbacks at
/// <c>{PublicBaseUrl}/webhooks/twilio/status</c>.
/// <para>
/// Twilio has no idempotency key, and after a timeout or a 5xx the message may have gone out. So a retry (attempt 2 and
/// later) first looks among the newest messages to the same number for one with the same text created since the reply
/// was written, and reports that one as sent instead of sending it twice.
/// </para>
/// </summary>
public sealed class TwilioOutboundChannel(
    string channel,
    TwilioRestClient client,
    IOptions<TwilioChannelOptions> options,
    ILogger<TwilioOutboundChannel> logger) : IOutboundChannel
{
    /// <summary>Twilio's limit for <c>Body</c>, SMS and WhatsApp alike (error 21617), counted in UTF-16 code units here.</summary>
    public const int MaxBodyLength = 1600;

    private const int RecentMessagesChecked = 20;

    public string Channel { get; } = channel is ChannelNames.Sms or ChannelNames.WhatsApp
        ? channel
        : throw new ArgumentException($"Twilio sends by '{ChannelNames.Sms}' or '{ChannelNames.WhatsApp}', not '{channel}'.", nameof(channel));

    public async Task<DeliveryOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (Refusal(message) is { } refusal)
        {
            return refusal;
        }

        var settings = options.Value;
        var sender = Channel == ChannelNames.WhatsApp ? settings.WhatsAppFrom : settings.SmsFrom;
        if (string.IsNullOrWhiteSpace(sender))
        {
            var key = Channel == ChannelNames.WhatsApp ? "WhatsAppFrom" : "SmsFrom";
            return new DeliveryOutcome.Failed($"No {Channel} sender is configured (Channels:Twilio:{key}), so the reply cannot be sent.");
        }

        var create = new TwilioCreateMessage(
            To: Channel == ChannelNames.WhatsApp ? TwilioAddress.WhatsAppPrefix + message.Recipient.Value : message.Recipient.Value,
            From: IsMessagingService(sender) ? null : Channel == ChannelNames.WhatsApp ? WhatsAppAddress(sender) : sender.Trim(),
            MessagingServiceSid: IsMessagingService(sender) ? sender.Trim() : null,
            Body: message.Text,
            StatusCallback: StatusCallbackUrl(settings));

        try
        {
            if (message.Attempt > 1)
            {
                if (await FindEarlierAttemptAsync(create, message, cancellationToken) is { } earlier)
                {
                    return earlier;
                }
            }

            var response = await client.CreateMessageAsync(create, cancellationToken);
            return Outcome(message, response);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Timeouts and network failures: the message may or may not have gone out; the next attempt checks before sending.
            logger.LogWarning("Reply {MessageId} by {Channel}: Twilio could not be reached ({Error})", message.MessageId, Channel, ex.GetType().Name);
            return new DeliveryOutcome.Retry($"Twilio could not be reached: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private DeliveryOutcome? Refusal(OutboundMessage message)
    {
        if (message.Recipient.Kind != IdentityKinds.Phone || !message.Recipient.Value.StartsWith('+'))
        {
            return new DeliveryOutcome.Failed($"{message.Recipient.Kind} addresses cannot be written to by {Channel}: a phone number is needed.");
        }

        if (message.Attachments is { Count: > 0 })
        {
            // Twilio fetches media from a public URL (MediaUrl); Inbox does not publish files yet.
            return new DeliveryOutcome.Failed($"Files cannot be sent by {Channel} yet: send the text alone, or send the file through another channel.");
        }

        if (string.IsNullOrWhiteSpace(message.Text))
        {
            return new DeliveryOutcome.Failed("The reply is empty.");
        }

        if (message.Text.Length > MaxBodyLength)
        {
            return new DeliveryOutcome.Failed(
                $"The reply is {message.Text.Length.ToString(CultureInfo.InvariantCulture)} characters long; Twilio sends at most {MaxBodyLength.ToString(CultureInfo.InvariantCulture)} per {(Channel == ChannelNames.WhatsApp ? "WhatsApp message" : "SMS")}. Shorten it or send it as several replies.");
        }

        return null;
    }

    private async Task<DeliveryOutcome?> FindEarlierAttemptAsync(TwilioCreateMessage create, OutboundMessage message, CancellationToken cancellationToken)
    {
        var page = await client.ListMessagesAsync(create.To, create.From, RecentMessagesChecked, cancellationToken);
        if (!page.IsSuccess)
        {
            // Not knowing whether the last attempt went out, sending again could double it: wait and check again.
            return Failure(page.StatusCode, page.Error, page.RetryAfter, checking: true);
        }

        var since = message.CreatedAt.AddTicks(-(message.CreatedAt.Ticks % TimeSpan.TicksPerSecond)); // Twilio's dates have whole seconds
        var earlier = page.Value?.Messages?.FirstOrDefault(m =>
            !string.IsNullOrEmpty(m.Sid)
            && m.Direction?.StartsWith("outbound", StringComparison.OrdinalIgnoreCase) == true
            && string.Equals(m.Body, create.Body, StringComparison.Ordinal)
            && DateTimeOffset.TryParse(m.DateCreated, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
            && created >= since);
        if (earlier is null)
        {
            return null;
        }

        logger.LogInformation("Reply {MessageId} by {Channel} had already gone out as {MessageSid}; not sending it again", message.MessageId, Channel, earlier.Sid);
        return Outcome(message, new TwilioApiResponse<TwilioMessageResource>(HttpStatusCode.OK, earlier, null, null));
    }

    private DeliveryOutcome Outcome(OutboundMessage message, TwilioApiResponse<TwilioMessageResource> response)
    {
        if (response.IsSuccess)
        {
            var resource = response.Value;
            if (resource?.Status is "failed" or "undelivered")
            {
                var failed = TwilioErrorCodes.Describe(resource.ErrorCode, resource.ErrorMessage);
                return new DeliveryOutcome.Failed(failed.Reason, failed.RecipientUnreachable);
            }

            if (string.IsNullOrEmpty(resource?.Sid))
            {
                logger.LogWarning("Twilio took reply {MessageId} by {Channel} but its answer had no sid: no delivery receipts will match it", message.MessageId, Channel);
            }

            return new DeliveryOutcome.Sent(resource?.Sid);
        }

        var outcome = Failure(response.StatusCode, response.Error, response.RetryAfter, checking: false);
        if (outcome is DeliveryOutcome.Failed failure)
        {
            logger.LogWarning("Twilio refused reply {MessageId} by {Channel} to {Phone}: HTTP {Status}, error {TwilioError}: {Reason}",
                message.MessageId, Channel, message.Recipient.Value, (int)response.StatusCode, response.Error?.Code, failure.Reason);
        }
        else if (response.Error?.Code == TwilioErrorCodes.AuthenticationFailed || response.StatusCode == HttpStatusCode.Unauthorized)
        {
            logger.LogError("Twilio refused Inbox's credentials (HTTP {Status}): check Channels:Twilio:AccountSid and AuthToken", (int)response.StatusCode);
        }

        return outcome;
    }

    /// <summary>5xx, 429/20429 and transient codes are retried; anything else Twilio refused is final.</summary>
    private static DeliveryOutcome Failure(HttpStatusCode status, TwilioApiError? error, TimeSpan? retryAfter, bool checking)
    {
        var code = (int)status;
        var prefix = checking ? "could not check whether an earlier attempt went out: " : "";
        if (code == 429 || error?.Code == TwilioErrorCodes.TooManyRequests)
        {
            return new DeliveryOutcome.Retry(prefix + TwilioErrorCodes.Describe(TwilioErrorCodes.TooManyRequests).Reason, retryAfter);
        }

        if (code >= 500 || status == HttpStatusCode.RequestTimeout)
        {
            return new DeliveryOutcome.Retry($"{prefix}Twilio answered HTTP {code.ToString(CultureInfo.InvariantCulture)}; the reply will be sent again.", retryAfter);
        }

        var description = error?.Code is null && status == HttpStatusCode.Unauthorized
            ? TwilioErrorCodes.Describe(TwilioErrorCodes.AuthenticationFailed)
            : TwilioErrorCodes.Describe(error?.Code, error?.Message ?? $"HTTP {code.ToString(CultureInfo.InvariantCulture)}");
        if (checking || description.Transient)
        {
            return new DeliveryOutcome.Retry(prefix + description.Reason, retryAfter);
        }

        return new DeliveryOutcome.Failed(description.Reason, description.RecipientUnreachable);
    }

    private static bool IsMessagingService(string sender) => sender.Trim().StartsWith("MG", StringComparison.Ordinal);

    private static string WhatsAppAddress(string sender) =>
        TwilioAddress.IsWhatsApp(sender) ? TwilioAddress.WhatsAppPrefix + TwilioAddress.WithoutWhatsAppPrefix(sender) : TwilioAddress.WhatsAppPrefix + sender.Trim();

    private static string? StatusCallbackUrl(TwilioChannelOptions settings) =>
        string.IsNullOrWhiteSpace(settings.PublicBaseUrl) ? null : settings.PublicBaseUrl.Trim().TrimEnd('/') + TwilioChannelEndpoints.StatusPath;
}
