using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Web.Auth;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// Automatic assignment as an operator lives it, on a node with the demo teams (everything the rules do not send elsewhere
/// goes to "orders", whose members are the demo operators): a customer writes, the one operator with a console open gets the
/// conversation and hears it; opening it makes it theirs; one they do not open within the timeout goes back to the queue.
/// </summary>
public sealed class AutomaticAssignmentApiTests : IAsyncLifetime
{
    private InboxServer _server = null!;

    public async Task InitializeAsync() => _server = await InboxServer.StartAsync(new Dictionary<string, string?>
    {
        ["Demo:Teams"] = "true",
        ["Routing:AcceptTimeout"] = "00:00:05",
        ["Routing:SweepInterval"] = "00:00:00.250",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_operator_with_a_console_gets_the_new_conversation_keeps_it_by_opening_it_and_loses_one_left_unopened()
    {
        using var operatorClient = await _server.OperatorClientAsync("operator");
        var me = (await operatorClient.GetFromJsonAsync<OperatorIdentity>("/api/v1/auth/me", InboxJson.Options))!;
        await using var hub = await _server.ConnectHubAsync("operator");
        var heard = new LiveEventCollector(hub);
        using var supervisor = await _server.OperatorClientAsync("supervisor");
        using var api = _server.Client(InboxServer.ApiToken);

        var opened = (await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Where is my order 1048576?", externalId: $"c-{Guid.NewGuid():N}")).ConversationId;

        var assigned = await heard.WaitForAsync(e => e.ConversationId == opened && e.Message?.Metadata?.GetValueOrDefault(TimelineActions.Key) == TimelineActions.AutoAssign);
        Assert.Equal((ConversationStatus.Assigned, me.OperatorId, "orders"), (assigned.Conversation.Status, assigned.Conversation.AssigneeId, assigned.Conversation.Team));
        Assert.Equal(me.OperatorId.ToString(), assigned.Message!.Metadata!["assigneeId"]);
        Assert.NotNull(assigned.Conversation.AwaitingOpenSince);

        var details = await operatorClient.ConversationAsync(opened); // the operator clicks it
        Assert.Null(details.Conversation.AwaitingOpenSince);

        var unopened = (await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Где мой заказ?", externalId: $"c-{Guid.NewGuid():N}")).ConversationId;
        await heard.WaitForAsync(e => e.ConversationId == unopened && e.Conversation.AssigneeId == me.OperatorId);
        var expired = await heard.WaitForAsync(e => e.ConversationId == unopened
            && e.Message?.Metadata?.GetValueOrDefault(TimelineActions.Key) == TimelineActions.AssignmentExpired);
        Assert.Equal((ConversationStatus.Queued, (Guid?)null), (expired.Conversation.Status, expired.Conversation.AssigneeId));

        // The opened one stayed the operator's all along: seen by a supervisor, which does not open it for them.
        var kept = (await supervisor.ConversationAsync(opened)).Conversation;
        Assert.Equal((ConversationStatus.Assigned, me.OperatorId), (kept.Status, kept.AssigneeId));
        Assert.DoesNotContain(heard.Of(opened), e => e.Message?.Metadata?.GetValueOrDefault(TimelineActions.Key) == TimelineActions.AssignmentExpired);
    }
}
