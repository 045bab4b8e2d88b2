using System.Collections.Concurrent;
using Orleans.Runtime;

namespace Inbox.Cluster.Tests;

/// <summary>Every reminder tick of <see cref="ReminderProbeGrain"/> in this process: which grain, on which silo.</summary>
public static class ReminderTicks
{
    private static readonly ConcurrentQueue<(string Grain, SiloAddress Silo)> Ticks = new();

    public static void Record(string grain, SiloAddress silo) => Ticks.Enqueue((grain, silo));

    public static IReadOnlyList<SiloAddress> SilosOf(string grain) => Ticks.Where(t => t.Grain == grain).Select(t => t.Silo).ToList();
}
