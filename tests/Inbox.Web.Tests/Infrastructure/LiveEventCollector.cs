using System.Collections.Concurrent;
using Inbox.Domain.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Web.Tests.Infrastructure;

/// <summary>What a console would do: listen to <c>event</c>, keep what arrives, and wait for a given event.</summary>
public sealed class LiveEventCollector
{
    private readonly ConcurrentQueue<LiveEvent> _events = new();
    private readonly List<(Func<LiveEvent, bool> Match, TaskCompletionSource<LiveEvent> Done)> _waiters = [];
    private readonly Lock _lock = new();

    public LiveEventCollector(HubConnection connection) =>
        connection.On<LiveEvent>("event", liveEvent =>
        {
            _events.Enqueue(liveEvent);
            lock (_lock)
            {
                foreach (var waiter in _waiters.Where(w => w.Match(liveEvent)).ToList())
                {
                    waiter.Done.TrySetResult(liveEvent);
                    _waiters.Remove(waiter);
                }
            }
        });

    public IReadOnlyList<LiveEvent> Events => _events.ToList();

    public IReadOnlyList<LiveEvent> Of(Guid conversationId) => _events.Where(e => e.ConversationId == conversationId).ToList();

    /// <summary>The first event that matches, already received or still to come; fails after 30 seconds.</summary>
    public Task<LiveEvent> WaitForAsync(Func<LiveEvent, bool> match)
    {
        lock (_lock)
        {
            var seen = _events.FirstOrDefault(match);
            if (seen is not null)
            {
                return Task.FromResult(seen);
            }

            var done = new TaskCompletionSource<LiveEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
