using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Vk.Tests;

public sealed class VkRateLimiterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Twenty_calls_go_at_once_and_the_twenty_first_waits_for_the_window()
    {
        var limiter = new VkRateLimiter(20, TimeSpan.FromSeconds(1), TimeProvider.System);

        var waits = Enumerable.Range(0, 21).Select(_ => limiter.Reserve(T0)).ToList();

        Assert.All(waits.Take(20), w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal(TimeSpan.FromSeconds(1), waits[20]);
    }

    [Fact]
    public void No_window_of_one_second_ever_holds_more_than_the_limit()
    {
        var limiter = new VkRateLimiter(3, TimeSpan.FromSeconds(1), TimeProvider.System);
        var starts = new List<DateTimeOffset>();
        var now = T0;
        for (var i = 0; i < 40; i++)
        {
            now += TimeSpan.FromMilliseconds(i % 5 * 70); // bursts and pauses
            starts.Add(now + limiter.Reserve(now));
        }

        for (var i = 3; i < starts.Count; i++)
        {
            Assert.True(starts[i] - starts[i - 3] >= TimeSpan.FromSeconds(1), $"calls {i - 3} and {i} are closer than a second");
        }
    }

    [Fact]
    public void A_quiet_second_frees_the_budget()
    {
        var limiter = new VkRateLimiter(2, TimeSpan.FromSeconds(1), TimeProvider.System);
        limiter.Reserve(T0);
        limiter.Reserve(T0);

        Assert.Equal(TimeSpan.Zero, limiter.Reserve(T0 + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void One_limiter_per_token()
    {
        var limiters = new VkRateLimiters(Options.Create(new VkChannelOptions { RequestsPerSecond = 20 }), TimeProvider.System);

        Assert.Same(limiters.For("token-a"), limiters.For("token-a"));
        Assert.NotSame(limiters.For("token-a"), limiters.For("token-b"));
    }
}
