using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// Proves that a webhook comes from Twilio before anything else is done with it. Without <c>X-Twilio-Signature</c> the
/// body is not even read. The URL checked is the one Twilio was configured with: <see cref="TwilioChannelOptions.PublicBaseUrl"/>
/// plus the request's path and query, not the address a proxy forwarded to.
/// </summary>
public sealed class TwilioWebhookReader(IOptions<TwilioChannelOptions> options, ILogger<TwilioWebhookReader> logger)
{
    public const long MaxBodyBytes = 1_048_576;

    public async Task<TwilioWebhookReadResult> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var request = context.Request;
        var presented = request.Headers[TwilioSignature.HeaderName].ToString();
        if (string.IsNullOrEmpty(presented))
        {
            return Forbidden(request, "The request has no X-Twilio-Signature header.");
        }

        if (!settings.Enabled)
        {
            return Forbidden(request, "The Twilio channel has no Auth Token (Channels:Twilio:AuthToken), so no signature can be checked.");
        }

        var (body, tooLarge) = await ReadBodyAsync(context, cancellationToken);
        if (body is null)
        {
            return TwilioWebhookReadResult.Reject(tooLarge
                ? Results.Problem($"The body is larger than {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge)
                : Results.Problem("The body could not be read.", statusCode: StatusCodes.Status400BadRequest));
        }

        var url = SignedUrl(request);
        var bodyHash = request.Query[TwilioSignature.BodyHashParameter].ToString();
        if (!string.IsNullOrEmpty(bodyHash))
        {
            // JSON variant: the signature covers the URL (which carries the body's hash), and the hash covers the body.
            if (!TwilioSignature.Verify(settings.AuthToken!, url, null, presented))
            {
                return Forbidden(request, $"X-Twilio-Signature does not match {url}.", url);
            }

            if (!SecretComparer.Matches(TwilioSignature.ComputeBodyHash(body), bodyHash.ToLowerInvariant()))
            {
                return Forbidden(request, "The body does not match the bodySHA256 of the signed URL.", url);
            }

            if (request.HasJsonContentType())
            {
                return TwilioWebhookParameters.TryFromJson(body, out var json, out var error)
                    ? TwilioWebhookReadResult.Accept(json)
                    : TwilioWebhookReadResult.Reject(Results.Problem(error, statusCode: StatusCodes.Status400BadRequest));
            }

            return IsForm(request)
                ? TwilioWebhookReadResult.Accept(TwilioWebhookParameters.FromForm(body))
                : TwilioWebhookReadResult.Reject(Results.Problem("The body must be JSON or form-urlencoded.", statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        if (!IsForm(request) && !(body.Length == 0 && string.IsNullOrEmpty(request.ContentType)))
        {
            // Only form parameters are signed one by one: any other body without bodySHA256 is not covered by the signature.
            return Forbidden(request, "Only a form-urlencoded body is covered by the signature; a JSON body needs bodySHA256 in the URL.", url);
        }

        var parameters = TwilioWebhookParameters.FromForm(body);
        return TwilioSignature.Verify(settings.AuthToken!, url, parameters.All, presented)
            ? TwilioWebhookReadResult.Accept(parameters)
            : Forbidden(request, $"X-Twilio-Signature does not match {url} and the posted parameters.", url);
    }

    /// <summary>The URL Twilio signed (<see cref="TwilioSignedUrl"/>).</summary>
    public string SignedUrl(HttpRequest request) => TwilioSignedUrl.For(request, options.Value.PublicBaseUrl);

    private static bool IsForm(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static async Task<(byte[]? Body, bool TooLarge)> ReadBodyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit
            && (limit.MaxRequestBodySize is null || limit.MaxRequestBodySize > MaxBodyBytes))
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return (null, true);
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return (null, true);
                }

                buffer.Write(chunk, 0, read);
            }

            return (buffer.ToArray(), false);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ex.StatusCode == StatusCodes.Status413PayloadTooLarge);
        }
        catch (IOException)
        {
            return (null, false);
        }
    }

    private TwilioWebhookReadResult Forbidden(HttpRequest request, string reason, string? url = null)
    {
        logger.LogWarning("Refused a Twilio webhook to {Path}: {Reason} (checked URL {SignedUrl})", request.Path.Value, reason, url ?? SignedUrl(request));
        var hint = url is null ? "" : " Twilio's webhook URL must be exactly the checked one: set Channels:Twilio:PublicBaseUrl to the public address Twilio calls.";
        return TwilioWebhookReadResult.Reject(Results.Problem(reason + hint, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"));
    }
}
