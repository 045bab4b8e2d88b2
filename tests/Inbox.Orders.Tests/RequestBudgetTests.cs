using Inbox.Connectors.Http;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Orders.Tests;

public sealed class RequestBudgetTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task Lets_the_limit_in_at_once_and_makes_the_next_wait()
    {
        var budget = new RequestBudget(10, TimeSpan.FromSeconds(1), _clock);

        var first = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => budget.AcquireAsync(CancellationToken.None)));
        var eleventh = budget.AcquireAsync(CancellationToken.None);

        Assert.Equal(0, budget.Available);
        Assert.False(eleventh.IsCompleted);
        foreach (var lease in first)
        {
            lease.Dispose();
        }

        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(eleventh.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        (await eleventh.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        Assert.Equal(9, budget.Available);
    }

    [Fact]
    public async Task A_slot_counts_from_the_answer_not_from_the_send()
    {
        var budget = new RequestBudget(1, TimeSpan.FromSeconds(1), _clock);

        var slow = await budget.AcquireAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(5)); // the answer takes five seconds
        var next = budget.AcquireAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);

        slow.Dispose();
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(next.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        (await next.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

    [Fact]
    public async Task A_cancelled_wait_takes_no_slot()
    {
        var budget = new RequestBudget(1, TimeSpan.FromSeconds(1), _clock);
        var held = await budget.AcquireAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = budget.AcquireAsync(cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        held.Dispose();
        held.Dispose(); // a second dispose frees nothing more
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, budget.Available);
    }
}
