using Inbox.Connectors.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Inbox.Connectors.Webhooks;

namespace Inbox.Connectors.Telegram;

/// <summary>
/// <c>POST /webhooks/telegram</c>, where Telegram POSTs updates in webhook mode. In order:
/// <list type="number">
/// <item>polling mode (or the channel off): 404, the webhook is not in use;</item>
/// <item><c>X-Telegram-Bot-Api-Secret-Token</c> compared in constant time with <c>Channels:Telegram:WebhookSecret</c>,
/// before the body is read: 401 on a mismatch, nothing done;</item>
/// <item>a body over 1 MB: 413;</item>
/// <item>a body that is not an update (bad JSON, <c>null</c>, no <c>update_id</c>): logged and answered 200, or Telegram would
/// send it again and again;</item>
/// <item>the update kept in the <see cref="WebhookIntake"/>, then 200 at once: files are fetched and the message stored
/// afterwards (<see cref="TelegramWebhookHandler"/>), with retries. If the update cannot be kept: 503, Telegram delivers it again.</item>
/// </list>
/// </summary>
public static class TelegramChannelEndpoints
{
    public const string WebhookPath = "/webhooks/telegram";

    public const string SecretHeaderName = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>The largest webhook body read (1 MB); Telegram's updates are far smaller.</summary>
    public const int MaxBodyBytes = 1_048_576;

    public static IEndpointRouteBuilder MapTelegramChannel(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(WebhookPath, ReceiveAsync)
            .AsChannelEndpoint()
            .WithTags("Telegram")
            .WithName("TelegramWebhook")
            .WithSummary("Telegram Bot API updates (header X-Telegram-Bot-Api-Secret-Token = Channels:Telegram:WebhookSecret).")
            .Accepts<object>("application/json")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, IOptions<TelegramChannelOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(TelegramChannelEndpoints).FullName!);
        var settings = options.Value;
        var intake = context.RequestServices.GetService<WebhookIntake>();
        if (intake is null || !settings.Enabled || settings.Mode != TelegramMode.Webhook)
        {
            return Results.Problem("The Telegram webhook is not in use here: the channel is off or polls getUpdates (Channels:Telegram:Mode = Polling).",
                statusCode: StatusCodes.Status404NotFound, title: "Not Found");
        }

        if (string.IsNullOrEmpty(settings.WebhookSecret))
        {
            logger.LogError("A Telegram webhook call was refused: {Setting} is not set, so no call can be authenticated", "Channels:Telegram:WebhookSecret");
            return Unauthorized();
        }

        if (!SecretComparer.Matches(context.Request.Headers[SecretHeaderName].ToString(), settings.WebhookSecret))
        {
            logger.LogWarning("A Telegram webhook call with a missing or wrong {Header} was refused", SecretHeaderName);
            return Unauthorized();
        }

        var body = await ReadBodyAsync(context.Request, cancellationToken);
        if (body is null)
        {
            logger.LogWarning("A Telegram webhook body over {MaxBytes} bytes was refused", MaxBodyBytes);
            return Results.Problem($"The body is larger than {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload Too Large");
        }

        if (!TelegramUpdateParser.TryParse(body, out var update, out var problem))
        {
            // Answering anything but 2xx would make Telegram resend this body again and again.
            logger.LogWarning("A Telegram webhook body of {Length} bytes is not an update and is ignored: {Problem}", body.Length, problem);
            return Results.Ok();
        }

        try
        {
            var chat = TelegramUpdateHandler.ChatOf(update)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
            await intake.EnqueueAsync(ChannelNames.Telegram, chat, System.Text.Encoding.UTF8.GetString(body), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Telegram update {UpdateId} could not be kept; Telegram will deliver it again", update.Id);
            context.Response.Headers.RetryAfter = "10";
            return Results.Problem("The update could not be stored now; deliver it again later.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable");
        }

        return Results.Ok();
    }

    private static IResult Unauthorized() =>
        Results.Problem($"A valid {SecretHeaderName} header is required.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    /// <summary>The whole body, or null when it is over <see cref="MaxBodyBytes"/> (by Content-Length or by counting).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit &&
            (limit.MaxRequestBodySize is null || limit.MaxRequestBodySize > MaxBodyBytes))
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBodyBytes)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }
}
