using System.Collections.Concurrent;
using Inbox.Connectors.Leases;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Tests;

/// <summary>Two nodes share one lease store: one runs the loop; when it stops or dies, the other takes the loop over.</summary>
public sealed class ClusterSingletonTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private static readonly ClusterSingletonOptions Short = new() { Duration = TimeSpan.FromSeconds(2), RenewInterval = TimeSpan.FromMilliseconds(300) };

    [Fact]
    public async Task Only_one_node_runs_the_loop_and_the_other_takes_it_over_when_the_owner_stops()
    {
        var leases = new LocalConnectorLeases(TimeProvider.System);
        var loops = new LoopProbe();
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        var first = Node(leases).RunAsync("test:loop", ct => loops.RunAsync("first", ct), stopFirst.Token);
        await loops.WaitUntilAsync(() => loops.Started.Contains("first"));
        var second = Node(leases).RunAsync("test:loop", ct => loops.RunAsync("second", ct), stopSecond.Token);

        // Several renewals and more than a lease long: the second node keeps waiting.
        await Task.Delay(Short.Duration * 2);
        Assert.Equal(["first"], loops.Started);

        await stopFirst.CancelAsync();
        await first.WaitAsync(Generous);
        await loops.WaitUntilAsync(() => loops.Started.Contains("second"));

        Assert.Equal(1, loops.MostAtOnce);
        await stopSecond.CancelAsync();
        await second.WaitAsync(Generous);
        Assert.Equal(0, loops.Running);
    }

    [Fact]
    public async Task When_the_owner_can_no_longer_renew_it_stops_the_loop_and_another_node_takes_it_over()
    {
        var shared = new LocalConnectorLeases(TimeProvider.System);
        var dying = new DyingLeases(shared);
        var loops = new LoopProbe();
        using var stop = new CancellationTokenSource();
        var first = Node(dying).RunAsync("test:loop", ct => loops.RunAsync("first", ct), stop.Token);
        await loops.WaitUntilAsync(() => loops.Started.Contains("first"));
        var second = Node(shared).RunAsync("test:loop", ct => loops.RunAsync("second", ct), stop.Token);

        dying.Dead = true;

        await loops.WaitUntilAsync(() => loops.Stopped.Contains("first"));
        await loops.WaitUntilAsync(() => loops.Started.Contains("second"));
        Assert.Equal(["first", "second"], loops.Started);
        await stop.CancelAsync();
        await Task.WhenAll(first, second).WaitAsync(Generous);
    }

    private static ClusterSingleton Node(IConnectorLeases leases) =>
        new(leases, Options.Create(Short), TimeProvider.System, NullLogger<ClusterSingleton>.Instance);

    /// <summary>A node whose store calls fail once it "dies" (its network is gone): it can neither renew nor give up its lease.</summary>
    private sealed class DyingLeases(IConnectorLeases inner) : IConnectorLeases
    {
        public volatile bool Dead;

        public Task<bool> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken) =>
            Dead ? throw new IOException("the store is out of reach") : inner.TryAcquireAsync(name, owner, duration, cancellationToken);

        public Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken) =>
            Dead ? throw new IOException("the store is out of reach") : inner.ReleaseAsync(name, owner, cancellationToken);
    }

    /// <summary>Loops that run until cancelled, recording who started and stopped, and how many ran at once.</summary>
    private sealed class LoopProbe
    {
        private int _running;
        private int _mostAtOnce;

        public ConcurrentQueue<string> Started { get; } = new();

        public ConcurrentQueue<string> Stopped { get; } = new();

        public int Running => Volatile.Read(ref _running);

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public async Task RunAsync(string who, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _running);
            int most;
            while (now > (most = Volatile.Read(ref _mostAtOnce)) && Interlocked.CompareExchange(ref _mostAtOnce, now, most) != most)
            {
            }

            Started.Enqueue(who);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
                Stopped.Enqueue(who);
            }
        }

        public async Task WaitUntilAsync(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow + Generous;
            while (!condition())
            {
                Assert.True(DateTime.UtcNow < deadline, "the condition did not come true in time");
                await Task.Delay(50);
            }
        }
    }
}
