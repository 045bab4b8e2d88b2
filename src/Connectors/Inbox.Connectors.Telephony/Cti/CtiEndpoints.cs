using System.Text.Json;
using Inbox.Connectors.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Telephony;

/// <summary>
/// <c>POST /webhooks/cti/{token}</c>: the generic CTI webhook, compatible with Zammad's (any PBX script written for
/// Zammad's "CTI (generic)" integration works by changing the URL). The token is checked first; the answer is <c>{}</c>
/// once the event is stored; errors are Zammad's <c>{"error":"…"}</c>.
/// </summary>
public static class CtiEndpoints
{
    public const string Path = "/webhooks/cti/{token}";

    public const string InvalidToken = "Invalid token, please contact your admin!";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapCtiWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, HandleAsync)
            .AsChannelEndpoint()
            .WithTags("Telephony")
            .WithName("TelephonyCti")
            .WithSummary("A call event from a PBX in the generic CTI format (newCall / answer / hangup), token Telephony:Cti:Token.")
            .DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(string token, HttpContext context, IOptions<CtiOptions> options, CtiEventConverter converter,
        ICallEventSink sink, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!SecretComparer.Matches(token, options.Value.Token))
        {
            return Error(StatusCodes.Status401Unauthorized, InvalidToken);
        }

        var (request, readError) = await CtiRequestReader.ReadAsync(context, cancellationToken);
        if (request is null)
        {
            return Error(readError!.StatusCode, readError.Message);
        }

        var conversion = converter.Convert(request);
        if (conversion.Error is not null)
        {
            return Error(StatusCodes.Status422UnprocessableEntity, conversion.Error);
        }

        if (conversion.Event is { } callEvent)
        {
            var logger = loggers.CreateLogger(typeof(CtiEndpoints).FullName!);
            if (!await CallEventRecorder.TryRecordAsync(sink, callEvent, logger, cancellationToken))
            {
                return Error(StatusCodes.Status503ServiceUnavailable, "The event could not be stored, please send it again.");
            }

            converter.Remember(callEvent);
        }

        return Results.Text("{}", "application/json");
    }

    private static IResult Error(int statusCode, string message) =>
        Results.Json(new CtiErrorResponse(message), Json, "application/json", statusCode);
}
