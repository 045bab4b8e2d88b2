namespace Inbox.Connectors.Vk.Tests.Infrastructure;

/// <summary>
/// Sends requests for VK's real hosts in the §2 vectors (example.invalid photo URLs, lp.vk.com) to the fake server,
/// so the payloads can be used verbatim. Only the network destination changes; path and query stay.
/// </summary>
public sealed class RedirectToFakeHandler(Uri fake) : DelegatingHandler
{
    private static readonly HashSet<string> RedirectedHosts = new(StringComparer.OrdinalIgnoreCase) { "example.invalid", "lp.vk.com" };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && RedirectedHosts.Contains(uri.Host))
        {
            request.RequestUri = new Uri(fake, uri.PathAndQuery);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
