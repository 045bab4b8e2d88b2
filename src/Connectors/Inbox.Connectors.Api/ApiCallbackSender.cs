using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Api;

/// <summary>Delivers replies to API-channel customers by POSTing them, signed, to the integrator's callback URL.</summary>
public sealed class ApiCallbackSender(HttpClient http, IOptions<ApiChannelOptions> options) : IOutboundChannel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Channel => ChannelNames.Api;

    public async Task<DeliveryOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.CallbackUrl) || !Uri.TryCreate(settings.CallbackUrl, UriKind.Absolute, out var url))
        {
            return new DeliveryOutcome.Failed("The API channel has no callback URL (Channels:Api:CallbackUrl), so replies cannot be delivered.");
        }

        var payload = new ApiCallbackPayload(message.MessageId, message.ConversationId, message.Recipient.ToString(), message.Text, message.CreatedAt, message.Attempt);
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-Inbox-Message-Id", message.MessageId.ToString());
        if (!string.IsNullOrEmpty(settings.CallbackSecret))
        {
            request.Headers.Add(ApiCallbackSignature.HeaderName, ApiCallbackSignature.Compute(settings.CallbackSecret, body));
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryOutcome.Retry($"callback unreachable: {ex.Message}");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new DeliveryOutcome.Sent(message.MessageId.ToString());
            }

            if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                return new DeliveryOutcome.Retry($"callback answered HTTP {status}", response.Headers.RetryAfter?.Delta);
            }

            return new DeliveryOutcome.Failed($"callback refused the message: HTTP {status}");
        }
    }
}
