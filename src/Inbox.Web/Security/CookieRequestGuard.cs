using Inbox.Web.Live;
using Microsoft.Net.Http.Headers;

namespace Inbox.Web.Security;

/// <summary>
/// Cross-site request forgery guard for the console's cookie: a change (POST, PUT, PATCH, DELETE) that rides on the
/// cookie must come from this node's own origin, and may not carry the body types any web page can send without asking
/// (plain text, a form), except a file upload and the hub's own frames. A browser names the page's origin on every such request (<c>Origin</c>,
/// else <c>Referer</c>); a page on the same host but another port is another origin. Requests with a bearer token, and
/// the channels' webhooks (they carry no cookie), are not affected.
/// </summary>
public static class CookieRequestGuard
{
    private const string UploadPath = "/api/v1/attachments";

    public static IApplicationBuilder UseCookieRequestGuard(this IApplicationBuilder app, string cookieName) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.Cookies.ContainsKey(cookieName) || request.Headers.Authorization.Count > 0)
        {
            await next(context);
            return;
        }

        var origin = request.Headers.Origin.FirstOrDefault() ?? OriginOf(request.Headers.Referer.FirstOrDefault());
        var own = $"{request.Scheme}://{request.Host.ToUriComponent()}";
        if (origin is not null && !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase))
        {
            await Results.Problem($"A change made with the console's cookie must come from {own}, not {origin}.",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(context);
            return;
        }

        // SignalR's fallback transports post their frames as text/plain; the hub's connection token still guards them.
        if (IsSimpleBody(request) && !(request.Path.StartsWithSegments(UploadPath) && request.HasFormContentType)
            && !request.Path.StartsWithSegments(InboxHub.Path))
        {
            await Results.Problem("Send JSON (Content-Type: application/json) or no body.", statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type").ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    private static string? OriginOf(string? referer) =>
        Uri.TryCreate(referer, UriKind.Absolute, out var url) ? url.GetLeftPart(UriPartial.Authority) : null;

    /// <summary>The body types a cross-site form or a no-cors fetch can send.</summary>
    private static bool IsSimpleBody(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && (type.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase));
}
