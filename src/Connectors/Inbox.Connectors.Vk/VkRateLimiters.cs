using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Inbox.Connectors.Http;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Vk;

/// <summary>One <see cref="RequestBudget"/> per access token, shared by every call made with that token in this process.</summary>
public sealed class VkRateLimiters(IOptions<VkChannelOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, RequestBudget> _byToken = new(StringComparer.Ordinal);

    public RequestBudget For(string accessToken)
    {
        // Keyed by a hash so the token itself is not kept twice in memory dumps.
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(accessToken)));
        return _byToken.GetOrAdd(key, _ => new RequestBudget(Math.Max(1, options.Value.RequestsPerSecond), TimeSpan.FromSeconds(1), clock));
    }
}
