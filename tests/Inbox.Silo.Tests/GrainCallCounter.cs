using System.Collections.Concurrent;

namespace Inbox.Silo.Tests;

/// <summary>Counts the calls the silo's grains receive, by grain and method, for tests that check how often something is asked.</summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<(GrainId Grain, string Method), int> _calls = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        _calls.AddOrUpdate((context.TargetId, context.InterfaceMethod?.Name ?? ""), 1, (_, n) => n + 1);
        await context.Invoke();
    }

    /// <summary>How many calls of <paramref name="method"/> the grain has received so far.</summary>
    public int Count(GrainId grain, string method) => _calls.GetValueOrDefault((grain, method));
}
