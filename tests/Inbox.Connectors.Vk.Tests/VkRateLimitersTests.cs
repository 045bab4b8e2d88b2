using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Vk.Tests;

public sealed class VkRateLimitersTests
{
    [Fact]
    public async Task One_budget_per_token_sized_by_the_setting()
    {
        var limiters = new VkRateLimiters(Options.Create(new VkChannelOptions { RequestsPerSecond = 20 }), TimeProvider.System);

        Assert.Same(limiters.For("token-a"), limiters.For("token-a"));
        Assert.NotSame(limiters.For("token-a"), limiters.For("token-b"));

        using var slot = await limiters.For("token-a").AcquireAsync(CancellationToken.None);
        Assert.Equal(19, limiters.For("token-a").Available);
        Assert.Equal(20, limiters.For("token-b").Available);
    }
}
