using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Vk;

/// <summary>Sender names by VK id, kept in memory: at most <see cref="VkChannelOptions.NameCacheSize"/> entries, each for <see cref="VkChannelOptions.NameCacheLifetime"/>.</summary>
public sealed class VkNameCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly TimeSpan _lifetime;

    public VkNameCache(IOptions<VkChannelOptions> options)
    {
        var settings = options.Value;
        _lifetime = settings.NameCacheLifetime > TimeSpan.Zero ? settings.NameCacheLifetime : TimeSpan.FromHours(6);
        _cache = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = Math.Max(1, settings.NameCacheSize),
        });
    }

    public bool TryGet(long vkId, out string? name) => _cache.TryGetValue(vkId, out name);

    public void Set(long vkId, string name) =>
        _cache.Set(vkId, name, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _lifetime });

    public void Dispose() => _cache.Dispose();
}
