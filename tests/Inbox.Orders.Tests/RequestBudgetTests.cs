using Inbox.Orders.RetailCrm;
using Inbox.Orders.Tests.Infrastructure;

namespace Inbox.Orders.Tests;

public sealed class RequestBudgetTests
{
    [Fact]
    public void Never_lets_more_than_the_limit_start_within_the_window()
    {
        var clock = new ManualClock();
        var budget = new RequestBudget(10, TimeSpan.FromSeconds(1), clock);

        var delays = Enumerable.Range(0, 25).Select(_ => budget.Reserve()).ToArray();

        Assert.All(delays[..10], d => Assert.Equal(TimeSpan.Zero, d));
        Assert.All(delays[10..20], d => Assert.Equal(TimeSpan.FromSeconds(1), d));
        Assert.All(delays[20..], d => Assert.Equal(TimeSpan.FromSeconds(2), d));
    }

    [Fact]
    public void Frees_slots_as_time_passes()
    {
        var clock = new ManualClock();
        var budget = new RequestBudget(2, TimeSpan.FromSeconds(1), clock);

        Assert.Equal(TimeSpan.Zero, budget.Reserve());
        clock.Advance(TimeSpan.FromMilliseconds(600));
        Assert.Equal(TimeSpan.Zero, budget.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(400), budget.Reserve());
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.Zero, budget.Reserve());
    }
}
