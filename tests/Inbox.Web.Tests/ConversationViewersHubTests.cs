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
