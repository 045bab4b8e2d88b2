using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Inbox.Connectors.Telephony;

/// <summary>Bounded body reading shared by the telephony webhooks: 1 MB at most, and a clear 4xx for anything unreadable.</summary>
internal static class WebhookRequests
{
    public const int MaxBodyBytes = 1024 * 1024;

    private static readonly FormOptions FormLimits = new()
    {
        BufferBody = false,
        MultipartBodyLengthLimit = MaxBodyBytes,
        ValueLengthLimit = MaxBodyBytes,
        ValueCountLimit = 1024,
    };

    /// <summary>Caps the body at <see cref="MaxBodyBytes"/>; false (answer 413) when the declared length is already over it.</summary>
    public static bool LimitBody(HttpContext context)
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = MaxBodyBytes;
        }

        return context.Request.ContentLength is null or <= MaxBodyBytes;
    }

    public static async Task<(IFormCollection? Form, WebhookError? Error)> ReadFormAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!LimitBody(context))
        {
            return (null, WebhookError.TooLarge);
        }

        if (!context.Request.HasFormContentType)
        {
            return (null, new WebhookError(StatusCodes.Status415UnsupportedMediaType, "The body must be form data (application/x-www-form-urlencoded or multipart/form-data)."));
        }

        try
        {
            return (await context.Request.ReadFormAsync(FormLimits, cancellationToken), null);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, new WebhookError(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? WebhookError.TooLarge.Message : "The form body could not be read."));
        }
        catch (InvalidDataException)
        {
            return (null, new WebhookError(StatusCodes.Status400BadRequest, "The form body is malformed or over its limits."));
        }
        catch (IOException)
        {
            return (null, new WebhookError(StatusCodes.Status400BadRequest, "The form body could not be read."));
        }
    }

    /// <summary>Reads the body as JSON; the root must be an object.</summary>
    public static async Task<(JsonDocument? Json, WebhookError? Error)> ReadJsonAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!LimitBody(context))
        {
            return (null, WebhookError.TooLarge);
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex)
        {
            return (null, new WebhookError(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? WebhookError.TooLarge.Message : "The body could not be read."));
        }
        catch (IOException)
        {
            return (null, new WebhookError(StatusCodes.Status400BadRequest, "The body could not be read."));
        }

        if (body.Length > MaxBodyBytes)
        {
            return (null, WebhookError.TooLarge);
        }

        // JsonDocument checks UTF-8 only when a string is read, which would then throw: refuse such a body here.
        if (!Utf8.IsValid(body))
        {
            return (null, new WebhookError(StatusCodes.Status400BadRequest, "The body is not valid UTF-8 JSON."));
        }

        try
        {
            var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                json.Dispose();
                return (null, new WebhookError(StatusCodes.Status400BadRequest, "The JSON body must be an object."));
            }

            return (json, null);
        }
        catch (JsonException)
        {
            return (null, new WebhookError(StatusCodes.Status400BadRequest, "The body is not valid UTF-8 JSON."));
        }
    }

    /// <summary>The first non-empty value of a form field, or null.</summary>
    public static string? Field(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) ? values.FirstOrDefault(v => !string.IsNullOrEmpty(v)) : null;
}
