using System.Collections.Concurrent;
using Inbox.Domain.Live;
using Inbox.Web.Live;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Web.Tests;

/// <summary>
/// Issue 15, item 3: collisions. Consoles that have the same conversation open hear who else has it open and who is typing a
/// reply in it (the hub's <c>viewers</c> message); a console that opens another conversation, or drops, leaves the list.
/// </summary>
public sealed class ConversationViewersHubTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    /// <summary>The <c>viewers</c> messages a console receives, and a wait for one that matches.</summary>
    private sealed class ViewersCollector
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

    private async Task<Guid> NewConversationAsync()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        return (await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "hello", externalId: $"c-{Guid.NewGuid():N}")).ConversationId;
    }

    [Fact]
    public async Task Colleagues_with_the_same_conversation_open_see_each_other_and_who_types()
    {
        var id = await NewConversationAsync();
        var other = await NewConversationAsync();
        await using var anna = await Server.ConnectHubAsync("operator");
        await using var boris = await Server.ConnectHubAsync("operator2");
        var annaSees = new ViewersCollector(anna);
        var borisSees = new ViewersCollector(boris);

        await anna.InvokeAsync("Watch", id);
        await annaSees.WaitForAsync(id, v => v.Count == 1);
        await boris.InvokeAsync("Watch", id);

        var both = await annaSees.WaitForAsync(id, v => v.Count == 2);
        await borisSees.WaitForAsync(id, v => v.Count == 2);
        Assert.All(both.Viewers, v => Assert.False(v.Typing));
        Assert.Equal(2, both.Viewers.Select(v => v.OperatorId).Distinct().Count());

        await boris.InvokeAsync("Typing", id);
        var typing = await annaSees.WaitForAsync(id, v => v.Count(x => x.Typing) == 1);
        var borisId = typing.Viewers.Single(v => v.Typing).OperatorId;
        // Without a new signal, typing ends by itself.
        await annaSees.WaitForAsync(id, v => v.Count == 2 && v.All(x => !x.Typing));

        await boris.InvokeAsync("Watch", other);
        var alone = await annaSees.WaitForAsync(id, v => v.Count == 1);
        Assert.NotEqual(borisId, alone.Viewers[0].OperatorId);

        await boris.InvokeAsync("Watch", id);
        await annaSees.WaitForAsync(id, v => v.Count == 2);
        await boris.StopAsync();
        await annaSees.WaitForAsync(id, v => v.Count == 1);
    }

    [Fact]
    public async Task Typing_in_a_conversation_not_open_says_nothing()
    {
        var id = await NewConversationAsync();
        var elsewhere = await NewConversationAsync();
        await using var anna = await Server.ConnectHubAsync("operator");
        await using var boris = await Server.ConnectHubAsync("operator2");
        var annaSees = new ViewersCollector(anna);
        await anna.InvokeAsync("Watch", id);
        await boris.InvokeAsync("Watch", elsewhere);
        await annaSees.WaitForAsync(id, v => v.Count == 1);

        await boris.InvokeAsync("Typing", id);
        await anna.InvokeAsync("Typing", id);

        // Anna's own signal arrives after Boris's would have: only she is listed, typing.
        var seen = await annaSees.WaitForAsync(id, v => v.Any(x => x.Typing));
        Assert.Single(seen.Viewers);
    }
}
