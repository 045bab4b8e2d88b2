using System.Text.Json;
using Inbox.Connectors.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Telephony;

/// <summary>
/// <c>POST /webhooks/mango/events/{kind}</c>: Mango Office posts <c>vpbx_api_key</c>, <c>sign</c> and <c>json</c> as a form.
/// Both the key and the signature are checked first; <c>call</c> and <c>summary</c> are mapped, other kinds (recording,
/// dtmf, …) are acknowledged and ignored. The answer is a plain 200 once the event is stored.
/// </summary>
public static class MangoEndpoints
{
    public const string Path = "/webhooks/mango/events/{kind}";

    public static IEndpointRouteBuilder MapMangoWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, HandleAsync)
            .AsChannelEndpoint()
            .WithTags("Telephony")
            .WithName("TelephonyMango")
            .WithSummary("A Mango Office VPBX event (call, summary), signed with Telephony:Mango:ApiKey and ApiSalt.")
            .DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(string kind, HttpContext context, IOptions<MangoOptions> options, MangoEventConverter converter,
        ICallEventSink sink, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (form, readError) = await WebhookRequests.ReadFormAsync(context, cancellationToken);
        if (form is null)
        {
            return Text(readError!.StatusCode, readError.Message);
        }

        var logger = loggers.CreateLogger(typeof(MangoEndpoints).FullName!);
        var settings = options.Value;
        var json = form.TryGetValue("json", out var jsonValues) ? jsonValues.ToString() : "";
        if (!SecretComparer.Matches(WebhookRequests.Field(form, "vpbx_api_key"), settings.ApiKey)
            || !MangoSignature.Verify(settings.ApiKey!, settings.ApiSalt!, json, WebhookRequests.Field(form, "sign")))
        {
            logger.LogWarning("Mango event {Kind} refused: wrong vpbx_api_key or sign", kind);
            return Text(StatusCodes.Status401Unauthorized, "vpbx_api_key or sign is wrong (Telephony:Mango:ApiKey, ApiSalt).");
        }

        var mapped = kind.ToLowerInvariant();
        if (mapped is not ("call" or "summary"))
        {
            return Results.Ok();
        }

        MangoConversion conversion;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Text(StatusCodes.Status400BadRequest, "json must be a JSON object.");
            }

            conversion = mapped == "call" ? converter.ConvertCall(document.RootElement) : converter.ConvertSummary(document.RootElement);
        }
        catch (JsonException)
        {
            return Text(StatusCodes.Status400BadRequest, "json is not valid JSON.");
        }

        if (conversion.Error is not null)
        {
            return Text(StatusCodes.Status400BadRequest, conversion.Error);
        }

        if (conversion.Event is { } callEvent && !await CallEventRecorder.TryRecordAsync(sink, callEvent, logger, cancellationToken))
        {
            return Text(StatusCodes.Status503ServiceUnavailable, "The event could not be stored, please send it again.");
        }

        return Results.Ok();
    }

    private static IResult Text(int statusCode, string message) => Results.Text(message, "text/plain", statusCode: statusCode);
}
