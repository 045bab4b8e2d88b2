using Microsoft.AspNetCore.Http;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// The URL Twilio signed for a webhook, for messaging and voice alike: the configured public address of this installation
/// (<c>PublicBaseUrl</c>, which already includes any path the proxy maps to it) followed by the request's path and query,
/// still encoded as sent. Without a public address it is the URL the request arrived at, path base included (wrong behind
/// a proxy that changes host, scheme or path).
/// </summary>
public static class TwilioSignedUrl
{
    public static string For(HttpRequest request, string? publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pathAndQuery = request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        return string.IsNullOrWhiteSpace(publicBaseUrl)
            ? request.Scheme + "://" + request.Host.ToUriComponent() + request.PathBase.ToUriComponent() + pathAndQuery
            : publicBaseUrl.Trim().TrimEnd('/') + pathAndQuery;
    }
}
