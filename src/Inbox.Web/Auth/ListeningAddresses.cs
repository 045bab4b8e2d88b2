using System.Net;

namespace Inbox.Web.Auth;

/// <summary>Where the node will listen, as the framework reads it from the configuration (<c>urls</c>, <c>HTTP_PORTS</c>, <c>HTTPS_PORTS</c>, <c>Kestrel:Endpoints</c>).</summary>
public static class ListeningAddresses
{
    /// <summary>The configured addresses that are not loopback (a wildcard, an interface's address, a host name).</summary>
    public static IReadOnlyList<string> NonLoopback(IConfiguration configuration)
    {
        var addresses = new List<string>();
        if (configuration["urls"] is { Length: > 0 } urls)
        {
            addresses.AddRange(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        else
        {
            // ASPNETCORE_HTTP_PORTS and ASPNETCORE_HTTPS_PORTS listen on every interface
            foreach (var (key, scheme) in new[] { ("HTTP_PORTS", "http"), ("HTTPS_PORTS", "https") })
            {
                addresses.AddRange((configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(port => $"{scheme}://*:{port}"));
            }
        }

        addresses.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return addresses.Where(a => !IsLoopback(a)).ToList();
    }

    public static bool IsLoopback(string url)
    {
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = end < 0 ? rest : rest[..end];
        string host;
        if (authority.StartsWith('['))
        {
            host = authority[1..Math.Max(1, authority.IndexOf(']', StringComparison.Ordinal))];
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
