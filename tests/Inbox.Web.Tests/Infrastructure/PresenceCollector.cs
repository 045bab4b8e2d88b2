using System.Collections.Concurrent;
using Inbox.Domain.Presence;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Web.Tests.Infrastructure;

/// <summary>What a supervisor's console would do with <c>presence</c> messages: keep them, and wait for a given one.</summary>
public sealed class PresenceCollector
{
    private readonly ConcurrentQueue<OperatorPresence> _seen = new();

    public PresenceCollector(HubConnection connection) => connection.On<OperatorPresence>("presence", _seen.Enqueue);

    /// <summary>The first presence that matches, already received or arriving within 30 seconds.</summary>
    public async Task<OperatorPresence> WaitForAsync(Func<OperatorPresence, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (_seen.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "The presence message did not arrive in time.");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
