using System.Net;
using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Web.Auth;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// Issue 12, item 19: assigning to yourself, replying into or resolving a conversation a colleague is working on is a
/// supervisor's action or an explicit take-over; either is recorded on the timeline and reaches the colleague live.
/// </summary>
public sealed class TakeOverTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    /// <summary>A new conversation that operator2 has taken.</summary>
    private async Task<(Guid Id, OperatorIdentity Holder)> HeldByOperator2Async()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "where is my parcel?", externalId: $"c-{Guid.NewGuid():N}");
        using var holder = await Server.OperatorClientAsync("operator2");
        (await holder.PostAsync($"/api/v1/conversations/{accepted.ConversationId}/assign", null)).EnsureSuccessStatusCode();
        return (accepted.ConversationId, (await holder.GetFromJsonAsync<OperatorIdentity>("/api/v1/auth/me", InboxJson.Options))!);
    }

    [Fact]
    public async Task An_operator_cannot_assign_reply_into_resolve_or_unassign_a_colleagues_conversation()
    {
        var (id, holder) = await HeldByOperator2Async();
        using var op = await Server.OperatorClientAsync("operator");

        var refused = new[]
        {
            await op.PostAsync($"/api/v1/conversations/{id}/assign", null),
            await op.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "I'll take this" }),
            await op.PostAsync($"/api/v1/conversations/{id}/resolve", null),
            await op.PostAsync($"/api/v1/conversations/{id}/unassign", null),
        };

        foreach (var response in refused)
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains(holder.OperatorId.ToString(), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var details = await op.ConversationAsync(id);
        Assert.Equal((ConversationStatus.Assigned, holder.OperatorId), (details.Conversation.Status, details.Conversation.AssigneeId));
        Assert.Single(details.Messages);
        Assert.Equal(HttpStatusCode.Created, (await op.PostAsJsonAsync($"/api/v1/conversations/{id}/notes", new { text = "a note is fine" })).StatusCode);
    }

    [Fact]
    public async Task An_explicit_take_over_is_recorded_and_the_previous_assignee_hears_of_it()
    {
        var (id, holder) = await HeldByOperator2Async();
        await using var holderHub = await Server.ConnectHubAsync("operator2");
        var holderEvents = new LiveEventCollector(holderHub);
        using var op = await Server.OperatorClientAsync("operator");
        var me = (await op.GetFromJsonAsync<OperatorIdentity>("/api/v1/auth/me", InboxJson.Options))!;

        var taken = await op.PostAsync($"/api/v1/conversations/{id}/take-over", null);

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(me.OperatorId, (await taken.ReadAsync<ConversationSnapshot>()).AssigneeId);
        var heard = await holderEvents.WaitForAsync(e => e.ConversationId == id && e.Type == LiveEventTypes.TakenOver);
        var item = Assert.Single((await op.ConversationAsync(id)).Messages, m => m.Kind == MessageKind.Event);
        Assert.Equal(item.MessageId, heard.Message!.MessageId);
        Assert.Equal($"{me.DisplayName} took over the conversation from {holder.DisplayName}.", item.Text);
        Assert.Equal(("takeOver", holder.OperatorId.ToString(), me.OperatorId.ToString()),
            (item.Metadata!["action"], item.Metadata["previousAssigneeId"], item.Metadata["byOperatorId"]));
        Assert.Equal(HttpStatusCode.Accepted, (await op.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "Hello, it's me now" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsync($"/api/v1/conversations/{id}/resolve", null)).StatusCode);
        Assert.Single((await op.ConversationAsync(id)).Messages, m => m.Kind == MessageKind.Event);
    }

    [Fact]
    public async Task A_reply_with_takeOver_takes_the_conversation_first()
    {
        var (id, holder) = await HeldByOperator2Async();
        using var op = await Server.OperatorClientAsync("operator");

        var reply = await op.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "I'll take this", takeOver = true });

        Assert.Equal(HttpStatusCode.Accepted, reply.StatusCode);
        var details = await op.ConversationAsync(id);
        Assert.NotEqual(holder.OperatorId, details.Conversation.AssigneeId);
        Assert.Equal([MessageKind.Inbound, MessageKind.Event, MessageKind.Outbound], details.Messages.Select(m => m.Kind));
    }

    [Fact]
    public async Task A_take_over_whose_reply_is_refused_changes_nothing()
    {
        var (id, holder) = await HeldByOperator2Async();
        using var op = await Server.OperatorClientAsync("operator");

        var reply = await op.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "hi", channel = "telegram", takeOver = true });

        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
        var details = await op.ConversationAsync(id);
        Assert.Equal(holder.OperatorId, details.Conversation.AssigneeId);
        Assert.Single(details.Messages);
    }

    [Fact]
    public async Task A_supervisor_acts_directly_and_it_is_still_recorded()
    {
        var (id, holder) = await HeldByOperator2Async();
        await using var holderHub = await Server.ConnectHubAsync("operator2");
        var holderEvents = new LiveEventCollector(holderHub);
        using var supervisor = await Server.OperatorClientAsync("supervisor");

        var reply = await supervisor.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "Supervisor here" });
        Assert.Equal(HttpStatusCode.Accepted, reply.StatusCode);
        Assert.Equal(holder.OperatorId, (await supervisor.ConversationAsync(id)).Conversation.AssigneeId);

        var resolved = await supervisor.PostAsync($"/api/v1/conversations/{id}/resolve", null);

        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var heard = await holderEvents.WaitForAsync(e => e.ConversationId == id && e.Type == LiveEventTypes.TakenOver);
        Assert.Equal(ConversationStatus.Resolved, heard.Conversation.Status);
        var item = Assert.Single((await supervisor.ConversationAsync(id)).Messages, m => m.Kind == MessageKind.Event);
        Assert.Equal(("resolve", holder.OperatorId.ToString()), (item.Metadata!["action"], item.Metadata["previousAssigneeId"]));
        Assert.Contains(holder.DisplayName, item.Text, StringComparison.Ordinal);
    }
}
