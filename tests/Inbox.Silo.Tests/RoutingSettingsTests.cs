using Inbox.Silo.Presence;

namespace Inbox.Silo.Tests;

/// <summary>The <c>Routing</c> settings that would make presence meaningless stop the start, naming the key.</summary>
public sealed class RoutingSettingsTests
{
    [Fact]
    public void The_defaults_are_valid() => Assert.True(new RoutingOptionsValidator().Validate(null, new RoutingOptions()).Succeeded);

    [Theory]
    [InlineData(-1, 60, 5, "Routing:OfflineGrace")]
    [InlineData(7200, 60, 5, "Routing:OfflineGrace")]
    [InlineData(60, 0, 5, "Routing:ConnectionLifetime")]
    [InlineData(60, 60, -1, "Routing:DefaultCapacity")]
    [InlineData(60, 60, 101, "Routing:DefaultCapacity")]
    public void A_wrong_value_is_refused_by_name(int graceSeconds, int lifetimeSeconds, int capacity, string key)
    {
        var options = new RoutingOptions
        {
            OfflineGrace = TimeSpan.FromSeconds(graceSeconds),
            ConnectionLifetime = TimeSpan.FromSeconds(lifetimeSeconds),
            DefaultCapacity = capacity,
        };

        var result = new RoutingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage);
    }
}
