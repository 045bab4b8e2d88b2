using System.Net;
using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Inbox.Web.OperatorApi;
using Inbox.Web.Auth;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>The operators' REST API: list, timeline, notes, assignment, resolve, customer card and search.</summary>
public sealed class ConversationApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    [Fact]
    public async Task The_list_filters_by_status_and_assignee()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        using var op = await Server.OperatorClientAsync("operator");
        var me = await op.GetFromJsonAsync<OperatorIdentity>("/api/v1/auth/me", InboxJson.Options);
        var waiting = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "waiting", externalId: $"c-{Guid.NewGuid():N}");
        var mine = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "mine", externalId: $"c-{Guid.NewGuid():N}", name: "Mine Customer");
        (await op.PostAsync($"/api/v1/conversations/{mine.ConversationId}/assign", null)).EnsureSuccessStatusCode();

        var queued = await op.ConversationsAsync("?status=queued&limit=200");
        var assignedToMe = await op.ConversationsAsync("?assignee=me&limit=200");
        var unassigned = await op.ConversationsAsync("?assignee=none&status=queued,assigned&limit=200");

        Assert.Contains(queued.Items, i => i.Conversation.ConversationId == waiting.ConversationId);
        Assert.DoesNotContain(queued.Items, i => i.Conversation.ConversationId == mine.ConversationId);
        var item = Assert.Single(assignedToMe.Items, i => i.Conversation.ConversationId == mine.ConversationId);
        Assert.Equal(me!.OperatorId, item.Conversation.AssigneeId);
        Assert.Equal("mine", item.Conversation.LastMessagePreview);
        Assert.Equal("Mine Customer", item.CustomerName);
        Assert.All(assignedToMe.Items, i => Assert.Equal(me.OperatorId, i.Conversation.AssigneeId));
        Assert.All(unassigned.Items, i => Assert.Null(i.Conversation.AssigneeId));
        Assert.Equal(HttpStatusCode.BadRequest, (await op.GetAsync("/api/v1/conversations?status=sleeping")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.GetAsync("/api/v1/conversations?assignee=someone")).StatusCode);
    }

    [Fact]
    public async Task The_list_pages_without_losing_or_repeating_conversations()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        for (var i = 0; i < 7; i++)
        {
            await api.SendInboundAsync($"m-{Guid.NewGuid():N}", $"paging {i}", externalId: $"c-{Guid.NewGuid():N}");
        }

        using var op = await Server.OperatorClientAsync("supervisor");
        var seen = new List<Guid>();
        int? offset = 0;
        var total = 0;
        while (offset is not null)
        {
            var page = await op.ConversationsAsync($"?offset={offset}&limit=3");
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(i => i.Conversation.ConversationId));
            total = page.Total;
            offset = page.NextOffset;
        }

        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Notes_assignment_resolve_and_reopen_show_on_the_conversation()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        using var op = await Server.OperatorClientAsync("operator");
        var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Someone called me asking for an SMS code", externalId: $"c-{Guid.NewGuid():N}");
        var id = accepted.ConversationId;

        var note = await op.PostAsJsonAsync($"/api/v1/conversations/{id}/notes", new { text = "Possible fraud: escalate" });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        var assigned = await (await op.PostAsync($"/api/v1/conversations/{id}/assign", null)).ReadAsync<ConversationSnapshot>();
        var resolved = await (await op.PostAsync($"/api/v1/conversations/{id}/resolve", null)).ReadAsync<ConversationSnapshot>();
        var reopened = await (await op.PostAsync($"/api/v1/conversations/{id}/reopen", null)).ReadAsync<ConversationSnapshot>();
        var unassigned = await (await op.PostAsync($"/api/v1/conversations/{id}/unassign", null)).ReadAsync<ConversationSnapshot>();

        Assert.Equal(ConversationStatus.Assigned, assigned.Status);
        Assert.Equal(ConversationStatus.Resolved, resolved.Status);
        Assert.Equal(ConversationStatus.Assigned, reopened.Status);
        Assert.Equal(ConversationStatus.Queued, unassigned.Status);
        var details = await op.ConversationAsync(id);
        var noteMessage = Assert.Single(details.Messages, m => m.Kind == MessageKind.Note);
        Assert.Equal("Possible fraud: escalate", noteMessage.Text);
        Assert.Equal("Demo Operator", noteMessage.AuthorName);
        Assert.Equal(6, details.Conversation.LastSequence);
    }

    [Fact]
    public async Task An_operator_cannot_assign_to_a_colleague_but_a_supervisor_can()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "hi", externalId: $"c-{Guid.NewGuid():N}");
        using var op = await Server.OperatorClientAsync("operator");
        using var supervisor = await Server.OperatorClientAsync("supervisor");
        var colleague = (await supervisor.GetFromJsonAsync<List<OperatorView>>("/api/v1/operators", InboxJson.Options))!.Single(o => o.Login == "operator2");

        var refused = await op.PostAsJsonAsync($"/api/v1/conversations/{accepted.ConversationId}/assign", new { operatorId = colleague.OperatorId });
        var allowed = await supervisor.PostAsJsonAsync($"/api/v1/conversations/{accepted.ConversationId}/assign", new { operatorId = colleague.OperatorId });
        var nobody = await supervisor.PostAsJsonAsync($"/api/v1/conversations/{accepted.ConversationId}/assign", new { operatorId = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(colleague.OperatorId, (await allowed.ReadAsync<ConversationSnapshot>()).AssigneeId);
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
    }

    [Fact]
    public async Task Commands_on_an_unknown_conversation_are_404_and_refused_replies_400()
    {
        using var op = await Server.OperatorClientAsync();
        var unknown = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/api/v1/conversations/{unknown}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.PostAsJsonAsync($"/api/v1/conversations/{unknown}/messages", new { text = "hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.PostAsync($"/api/v1/conversations/{unknown}/resolve", null)).StatusCode);

        using var api = Server.Client(InboxServer.ApiToken);
        var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "hi", externalId: $"c-{Guid.NewGuid():N}");
        var otherChannel = await op.PostAsJsonAsync($"/api/v1/conversations/{accepted.ConversationId}/messages",
            new { text = "hi", channel = "sms", identity = "phone:+79160000000" });
        Assert.Equal(HttpStatusCode.BadRequest, otherChannel.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostAsJsonAsync($"/api/v1/conversations/{accepted.ConversationId}/messages", new { text = " " })).StatusCode);
        Assert.Single((await op.ConversationAsync(accepted.ConversationId)).Messages);
    }

    [Fact]
    public async Task The_timeline_pages_back_from_the_newest()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        var externalId = $"c-{Guid.NewGuid():N}";
        ApiInbound? first = null;
        for (var i = 1; i <= 5; i++)
        {
            var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", $"message {i}", externalId: externalId);
            first ??= new ApiInbound(accepted.ConversationId);
        }

        using var op = await Server.OperatorClientAsync();
        var newest = await op.GetFromJsonAsync<TimelinePage>($"/api/v1/conversations/{first!.ConversationId}/messages?limit=2", InboxJson.Options);
        var older = await op.GetFromJsonAsync<TimelinePage>($"/api/v1/conversations/{first.ConversationId}/messages?limit=2&before={newest!.NextBefore}", InboxJson.Options);

        Assert.Equal(["message 4", "message 5"], newest.Messages.Select(m => m.Text));
        Assert.Equal(["message 2", "message 3"], older!.Messages.Select(m => m.Text));
    }

    [Theory]
    [InlineData("%00")]
    [InlineData("%00%25")]
    [InlineData("ol%0Dga")]
    [InlineData("%1B%5B2J")]
    public async Task A_search_with_control_characters_is_refused_and_finds_nobody(string rawQuery)
    {
        using var api = Server.Client(InboxServer.ApiToken);
        await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "hi", phone: $"+7 916 555-{Random.Shared.Next(10, 99)}-{Random.Shared.Next(10, 99)}", name: "Ольга");
        using var op = await Server.OperatorClientAsync();

        var response = await op.GetAsync($"/api/v1/customers?q={rawQuery}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("control characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_longer_than_two_hundred_characters_is_refused()
    {
        using var op = await Server.OperatorClientAsync();

        var response = await op.GetAsync($"/api/v1/customers?q={new string('a', 201)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Customers_are_found_by_phone_in_any_writing_by_email_and_by_name()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        var suffix = Random.Shared.Next(10, 99);
        var email = $"olga.{Guid.NewGuid():N}@example.com";
        var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "hi", phone: $"+7 916 777-66-{suffix}", email: email, name: "Ольга Смирнова");
        using var op = await Server.OperatorClientAsync();

        async Task<List<CustomerSummary>> Search(string q) =>
            (await op.GetFromJsonAsync<List<CustomerSummary>>($"/api/v1/customers?q={Uri.EscapeDataString(q)}", InboxJson.Options))!;

        Assert.Contains(await Search($"8 916 777 66 {suffix}"), c => c.CustomerId == accepted.CustomerId);
        Assert.Contains(await Search(email.ToUpperInvariant()), c => c.CustomerId == accepted.CustomerId);
        Assert.Contains(await Search("смирнова"), c => c.CustomerId == accepted.CustomerId);
        Assert.DoesNotContain(await Search("8 916 000 00 00"), c => c.CustomerId == accepted.CustomerId);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.GetAsync("/api/v1/customers?q=")).StatusCode);

        var card = await op.GetFromJsonAsync<CustomerDetails>($"/api/v1/customers/{accepted.CustomerId}", InboxJson.Options);
        Assert.Equal("Ольга Смирнова", card!.Customer.Name);
        Assert.Equal([$"phone:+791677766{suffix}", $"email:{email}"], card.Customer.Identities.Select(i => i.ToString()));
        Assert.Equal(accepted.ConversationId, card.Conversation!.ConversationId);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/api/v1/customers/{Guid.NewGuid()}")).StatusCode);
    }

    private sealed record ApiInbound(Guid ConversationId);
}
