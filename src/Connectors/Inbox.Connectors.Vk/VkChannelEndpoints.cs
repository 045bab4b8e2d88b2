using System.Text;
using System.Text.Json;
using Inbox.Connectors.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Inbox.Connectors.Webhooks;

namespace Inbox.Connectors.Vk;

/// <summary>
/// <c>POST /webhooks/vk</c>, the VK Callback API. VK puts its <c>secret</c> inside the JSON body, so the body (at most
/// 1 MB) is read and parsed first, and the secret is compared in constant time before anything else is looked at:
/// a mismatch is 403 and nothing is processed. <c>confirmation</c> is answered with the confirmation code; every
/// other event with exactly <c>ok</c> (text/plain, no BOM) as soon as it is durable: kept in the <see cref="WebhookIntake"/>
/// (without the secret), whose worker fetches photos and names and stores the message afterwards. VK stops calling a server
/// that errs or is slow several times in a row, so nothing slow happens before the answer; an event we ignore or cannot read
/// is answered <c>ok</c> too (with a log line), because VK would only send it again.
/// </summary>
public static class VkChannelEndpoints
{
    public const string WebhookPath = "/webhooks/vk";
    public const long MaxBodyBytes = 1_048_576;

    private static readonly byte[] OkBody = "ok"u8.ToArray();

    public static IEndpointRouteBuilder MapVkChannel(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(WebhookPath, ReceiveAsync)
            .WithName("VkCallback")
            .WithTags("VK channel")
            .WithSummary("VK Callback API events (secret checked; confirmation answered with Channels:Vk:ConfirmationCode; others answered 'ok').")
            .Accepts<JsonElement>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AsChannelEndpoint();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, IOptions<VkChannelOptions> options, VkEventProcessor processor,
        WebhookIntake intake, VkApiClient api, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(VkChannelEndpoints).FullName!);
        var settings = options.Value;
        var (body, readError) = await ReadBodyAsync(context, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }

        if (!VkJson.TryParseDocument(body, out var document))
        {
            return Results.Problem("The body must be a VK Callback API event in JSON.", statusCode: StatusCodes.Status400BadRequest);
        }

        using (document)
        {
            var update = document.RootElement;
            if (update.ValueKind != JsonValueKind.Object)
            {
                return Results.Problem("The body must be a JSON object.", statusCode: StatusCodes.Status400BadRequest);
            }

            // Authenticity first: nothing else in the body is looked at before the secret matches.
            if (!SecretComparer.Matches(VkJson.GetString(update, "secret"), settings.Secret))
            {
                logger.LogWarning("A VK callback with a wrong or missing secret was refused");
                return Results.Problem(string.IsNullOrEmpty(settings.Secret)
                        ? "Channels:Vk:Secret is not set, so no callback can be trusted; set the same secret key in the community's Callback API settings."
                        : "The secret does not match Channels:Vk:Secret.",
                    statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
            }

            if (VkJson.GetInt64(update, "group_id") != settings.GroupId)
            {
                logger.LogWarning("A VK callback for community {GroupId} was refused; this server serves {ConfiguredGroupId}",
                    VkJson.GetScalar(update, "group_id"), settings.GroupId);
                return Results.Problem("The event is for another community than Channels:Vk:GroupId.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
            }

            if (VkJson.GetString(update, "type") == VkEventTypes.Confirmation)
            {
                return await ConfirmAsync(settings, api, logger, cancellationToken);
            }

            if (processor.Screen(update) is { } decided)
            {
                if (decided.Outcome == VkEventOutcome.Invalid)
                {
                    logger.LogWarning("A VK event {EventId} could not be read and is dropped (answered ok, or VK sends it again): {Reason}",
                        VkJson.GetString(update, "event_id"), decided.Detail);
                }
                else
                {
                    logger.LogDebug("VK event {EventId}: {Outcome} ({Detail})", VkJson.GetString(update, "event_id"), decided.Outcome, decided.Detail);
                }

                return Results.Bytes(OkBody, "text/plain");
            }

            try
            {
                await intake.EnqueueAsync(ChannelNames.Vk, VkEventProcessor.SenderOf(update), VkWebhookHandler.WithoutSecret(update), cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Not acknowledged, so VK delivers the same event again later.
                logger.LogError(ex, "A VK event {EventId} could not be kept; VK will deliver it again", VkJson.GetString(update, "event_id"));
                return Results.Problem("The event could not be stored now; deliver it again.", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            return Results.Bytes(OkBody, "text/plain");
        }
    }

    private static async Task<IResult> ConfirmAsync(VkChannelOptions settings, VkApiClient api, ILogger logger, CancellationToken cancellationToken)
    {
        var code = settings.ConfirmationCode;
        if (string.IsNullOrWhiteSpace(code))
        {
            var answer = await api.GetCallbackConfirmationCodeAsync(settings.GroupId!.Value, cancellationToken);
            code = answer is VkApiResult.Success success ? VkJson.GetString(success.Response, "code") : null;
            if (string.IsNullOrWhiteSpace(code))
            {
                logger.LogError("The VK confirmation code is not set and groups.getCallbackConfirmationCode did not give it");
                return Results.Problem("The confirmation code is not available; set Channels:Vk:ConfirmationCode.", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }

        logger.LogInformation("VK callback server confirmation answered for community {GroupId}", settings.GroupId);
        return Results.Bytes(Encoding.UTF8.GetBytes(code.Trim()), "text/plain");
    }

    private static async Task<(byte[] Body, IResult? Error)> ReadBodyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tooLarge = Results.Problem($"The body is larger than {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit && (limit.MaxRequestBodySize is null || limit.MaxRequestBodySize > MaxBodyBytes))
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return ([], tooLarge);
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16384];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return ([], tooLarge);
                }

                buffer.Write(chunk, 0, read);
            }

            return (buffer.ToArray(), null);
        }
        catch (BadHttpRequestException ex)
        {
            return ([], Results.Problem(ex.Message, statusCode: ex.StatusCode));
        }
    }
}
