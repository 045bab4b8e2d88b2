using System.Collections.Concurrent;
using Inbox.Domain.Live;
using Inbox.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Web.Tests;

/// <summary>The <c>viewers</c> messages a console receives, and a wait for one that matches.</summary>
public sealed class ViewersCollector
{
    private readonly ConcurrentQueue<ConversationViewers> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public ViewersCollector(HubConnection hub) => hub.On<ConversationViewers>(InboxHub.ViewersMethod, v =>
    {
        _received.Enqueue(v);
        _arrived.Release();
    });

    /// <summary>The latest list received for the conversation satisfies <paramref name="match"/>, within 30 seconds.</summary>
    public async Task<ConversationViewers> WaitForAsync(Guid conversationId, Func<IReadOnlyList<ConversationViewer>, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var latest = _received.LastOrDefault(v => v.ConversationId == conversationId);
            if (latest is not null && match(latest.Viewers))
            {
                return latest;
            }

            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"no matching viewers of {conversationId}; last: {string.Join(", ", latest?.Viewers.Select(v => $"{v.Name}{(v.Typing ? " typing" : "")}") ?? [])}");
            await _arrived.WaitAsync(left);
        }
    }
}
