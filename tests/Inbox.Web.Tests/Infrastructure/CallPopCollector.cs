using System.Collections.Concurrent;
using Inbox.Domain.Calls;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Web.Tests.Infrastructure;

/// <summary>What an operator's screen receives as call pops.</summary>
public sealed class CallPopCollector
{
    private readonly ConcurrentQueue<CallPop> _pops = new();
    private readonly ConcurrentDictionary<TaskCompletionSource<CallPop>, Func<CallPop, bool>> _waiters = new();

    public CallPopCollector(HubConnection connection) =>
        connection.On<CallPop>("callPop", pop =>
        {
            _pops.Enqueue(pop);
            foreach (var (done, match) in _waiters)
            {
                if (match(pop))
                {
                    done.TrySetResult(pop);
                }
            }
        });

    public IReadOnlyList<CallPop> Pops => _pops.ToList();

    public Task<CallPop> WaitForAsync(Func<CallPop, bool> match)
    {
        var done = new TaskCompletionSource<CallPop>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters[done] = match;
        if (_pops.FirstOrDefault(match) is { } seen)
        {
            done.TrySetResult(seen);
        }

        return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
