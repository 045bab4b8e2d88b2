using Inbox.Connectors.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Inbox.Connectors.Api;

/// <summary>
/// <c>POST /api/v1/inbound</c>: the bearer token is checked before the body is read; then the body is
/// validated; the answer is sent only after the message is durable. Also <c>POST /api/v1/outbound/{messageId}/status</c>
/// for an integrator's delivery receipts.
/// </summary>
public static class ApiChannelEndpoints
{
    public const string InboundPath = "/api/v1/inbound";

    public static IEndpointRouteBuilder MapApiChannel(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1").WithTags("API channel").AsChannelEndpoint();
        group.MapPost("/inbound", ReceiveAsync)
            .WithName("ApiChannelInbound")
            .WithSummary("A message from a customer, sent by an integration (bearer token Channels:Api:Token).")
            .Accepts<ApiInboundRequest>("application/json")
            .Produces<ApiInboundResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/outbound/{messageId:guid}/status", ReceiptAsync)
            .WithName("ApiChannelDeliveryReceipt")
            .WithSummary("The integrator's word that a reply was delivered to the customer, or failed.")
            .Accepts<ApiDeliveryReceiptRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, IOptions<ApiChannelOptions> options, ApiInboundConverter parser,
        IInboundPipeline pipeline, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Authorized(context, options.Value))
        {
            return Unauthorized();
        }

        var (request, readError) = await ReadJsonAsync<ApiInboundRequest>(context, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }

        if (!parser.TryConvert(request, clock.GetUtcNow(), out var message, out var errors))
        {
            return Results.ValidationProblem(errors, title: "The message was not accepted.");
        }

        var accepted = await pipeline.AcceptAsync(message, cancellationToken);
        return Results.Ok(new ApiInboundResponse(accepted.ConversationId, accepted.CustomerId, accepted.MessageId, accepted.Sequence, accepted.Duplicate));
    }

    private static async Task<IResult> ReceiptAsync(Guid messageId, HttpContext context, IOptions<ApiChannelOptions> options,
        IDeliveryReceipts receipts, CancellationToken cancellationToken)
    {
        if (!Authorized(context, options.Value))
        {
            return Unauthorized();
        }

        var (request, readError) = await ReadJsonAsync<ApiDeliveryReceiptRequest>(context, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }

        ReceiptStatus? status = request?.Status?.ToLowerInvariant() switch
        {
            "delivered" => ReceiptStatus.Delivered,
            "failed" => ReceiptStatus.Failed,
            _ => null,
        };
        if (status is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status must be 'delivered' or 'failed'."] });
        }

        var found = await receipts.RecordAsync(new DeliveryReceipt(ChannelNames.Api, messageId.ToString(), status.Value, request!.Reason), cancellationToken);
        return found ? Results.NoContent() : Results.Problem($"No reply {messageId} was sent through the API channel.", statusCode: StatusCodes.Status404NotFound);
    }

    private static bool Authorized(HttpContext context, ApiChannelOptions options)
    {
        var header = context.Request.Headers[HeaderNames.Authorization].ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && SecretComparer.Matches(header[scheme.Length..].Trim(), options.Token);
    }

    private static IResult Unauthorized()
    {
        return Results.Problem("A valid bearer token (Channels:Api:Token) is required.", statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized", extensions: new Dictionary<string, object?> { ["scheme"] = "Bearer" });
    }

    private static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpContext context, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
        {
            return (default, Results.Problem("The body must be JSON (Content-Type: application/json).", statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        try
        {
            return (await context.Request.ReadFromJsonAsync<T>(cancellationToken), null);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return (default, Results.Problem($"The body is not valid JSON of the expected shape: {ex.Message}", statusCode: StatusCodes.Status400BadRequest));
        }
        catch (BadHttpRequestException ex)
        {
            // e.g. 413 when the body is over the size limit
            return (default, Results.Problem(ex.Message, statusCode: ex.StatusCode));
        }
    }
}
