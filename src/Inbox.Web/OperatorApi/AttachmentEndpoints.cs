using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Inbox.Web.Auth;
using Inbox.Domain.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Inbox.Web.OperatorApi;

/// <summary>Files on the timeline: operators open what customers sent, and upload what they send with a reply.</summary>
public static class AttachmentEndpoints
{
    public const long MaxUploadBytes = 20 * 1024 * 1024;

    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/attachments").WithTags("Attachments").RequireAuthorization(InboxPolicies.Operator);
        group.MapGet("/{id:guid}", DownloadAsync).WithSummary("The file's content, with its name and type.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", UploadAsync).DisableAntiforgery()
            .WithSummary("Uploads one file (multipart field 'file'); send its id in a reply's attachmentIds.")
            .Produces<AttachmentInfo>(StatusCodes.Status201Created).ProducesValidationProblem();
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(Guid id, IAttachmentStore attachments, CancellationToken cancellationToken)
    {
        var info = await attachments.GetInfoAsync(id, cancellationToken);
        var content = info is null ? null : await attachments.OpenAsync(id, cancellationToken);
        return content is null
            ? Results.Problem($"There is no attachment {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found")
            : Results.File(content, info!.ContentType, DisplayText.Line(info.FileName, 200) ?? "file");
    }

    private static async Task<IResult> UploadAsync(HttpContext context, IAttachmentStore attachments, IOptions<LimitsOptions> limits, CancellationToken cancellationToken)
    {
        // Uploads may be larger than the API's general body limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxUploadBytes + 64 * 1024;
        }

        if (!context.Request.HasFormContentType)
        {
            return Results.Problem("Send the file as multipart/form-data.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        // One file and a few fields: more parts than that, a part's headers over 16 KB or a field over 64 KB is not an upload.
        var maxParts = limits.Value.MaxUploadParts;
        context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions
        {
            ValueCountLimit = maxParts,
            MultipartBodyLengthLimit = MaxUploadBytes + 64 * 1024,
            MultipartHeadersCountLimit = 16,
            MultipartHeadersLengthLimit = 16 * 1024,
            ValueLengthLimit = 64 * 1024,
        }));
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException ex)
        {
            return Results.Problem(ex.Message, statusCode: ex.StatusCode);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException && !cancellationToken.IsCancellationRequested)
        {
            // a truncated body, a malformed part, too many parts: the client's request is wrong, not the server
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["file"] = [$"The multipart body could not be read ({ex.Message}). Send one file in the field 'file', in at most {maxParts} parts."],
            });
        }

        if (form.Files.Count + form.Count > maxParts)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"An upload has at most {maxParts} parts."] });
        }

        var file = form.Files["file"];
        if (file is null || file.Length == 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send one non-empty file in the multipart field 'file'."] });
        }

        if (file.Length > MaxUploadBytes)
        {
            return Results.Problem($"Files up to {MaxUploadBytes / 1024 / 1024} MB can be sent.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        await using var content = file.OpenReadStream();
        var info = await attachments.SaveAsync(file.FileName, file.ContentType, content, cancellationToken);
        return Results.Created($"/api/v1/attachments/{info.AttachmentId}", info);
    }
}
