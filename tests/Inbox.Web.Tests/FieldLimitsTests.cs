using System.Net;
using System.Net.Http.Json;
using Inbox.Connectors;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Inbox.Identity;
using Inbox.Web.Auth;
using Inbox.Web.OperatorApi;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests;

/// <summary>
/// Issue 12, item 16: everything a person or a provider types is bounded by Limits. An operator's value over a limit is a
/// 400 naming the field that changes nothing; a provider's name is cut to fit, its text kept up to the inbound limit.
/// </summary>
public sealed class FieldLimitsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly LimitsOptions Defaults = new();

    private InboxServer Server => fixture.Server;

    [Fact]
    public async Task A_customer_name_of_900_KB_is_refused_and_no_customer_is_made()
    {
        using var op = await Server.OperatorClientAsync();
        var phone = $"+7 916 {Random.Shared.Next(100, 999)}-{Random.Shared.Next(10, 99)}-{Random.Shared.Next(10, 99)}";

        var response = await op.PostAsJsonAsync("/api/v1/customers", new { name = new string('x', 900 * 1024), identities = new[] { phone } });

        await AssertRefusedAsync(response, "name");
        Assert.Empty((await op.GetFromJsonAsync<List<CustomerSummary>>($"/api/v1/customers?q={Uri.EscapeDataString(phone)}", InboxJson.Options))!);
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("nul\0")]
    public async Task A_customer_name_must_be_one_line(string name)
    {
        using var op = await Server.OperatorClientAsync();

        await AssertRefusedAsync(await op.PostAsJsonAsync("/api/v1/customers", new { name }), "name");
    }

    [Fact]
    public async Task Too_many_or_too_long_identities_are_refused()
    {
        using var op = await Server.OperatorClientAsync();
        var many = Enumerable.Range(0, Defaults.MaxIdentitiesPerRequest + 1).Select(i => $"api:limits-{Guid.NewGuid():N}").ToArray();
        var longOne = "api:" + new string('x', Defaults.MaxIdentityLength);

        await AssertRefusedAsync(await op.PostAsJsonAsync("/api/v1/customers", new { name = "Many", identities = many }), "identities");
        await AssertRefusedAsync(await op.PostAsJsonAsync("/api/v1/customers", new { name = "Long", identities = new[] { longOne } }), "identities");
        var created = await op.PostAsJsonAsync("/api/v1/customers", new { name = "Fine", identities = many.Take(2) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<Inbox.Domain.Customers.CustomerCard>()).CustomerId;
        await AssertRefusedAsync(await op.PostAsJsonAsync($"/api/v1/customers/{id}/identities", new { identity = longOne }), "identity");
        Assert.Empty((await op.GetFromJsonAsync<List<CustomerSummary>>($"/api/v1/customers?q={many[2]}", InboxJson.Options))!);
    }

    [Fact]
    public async Task A_customer_name_is_cleaned_of_bidirectional_overrides()
    {
        using var op = await Server.OperatorClientAsync();

        var created = await op.PostAsJsonAsync("/api/v1/customers", new { name = " Ivan\u202Enorteп\u2066 " });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Ivannorteп", (await created.ReadAsync<Inbox.Domain.Customers.CustomerCard>()).Name);
    }

    [Fact]
    public async Task Notes_and_replies_over_the_text_limit_are_refused_and_stored_nowhere()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "hi", externalId: $"c-{Guid.NewGuid():N}");
        using var op = await Server.OperatorClientAsync();
        var tooLong = new string('a', Defaults.MaxTextLength + 1);
        var id = accepted.ConversationId;

        await AssertRefusedAsync(await op.PostAsJsonAsync($"/api/v1/conversations/{id}/notes", new { text = tooLong }), "text");
        await AssertRefusedAsync(await op.PostAsJsonAsync($"/api/v1/conversations/{id}/notes", new { text = "bell\u0007" }), "text");
        await AssertRefusedAsync(await op.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = tooLong }), "text");
        await AssertRefusedAsync(await op.PostAsJsonAsync($"/api/v1/conversations/{id}/messages",
            new { text = "files", attachmentIds = Enumerable.Range(0, Defaults.MaxAttachmentsPerReply + 1).Select(_ => Guid.NewGuid()) }), "attachmentIds");

        var details = await op.ConversationAsync(id);
        Assert.Single(details.Messages);
        Assert.Equal(1, details.Conversation.LastSequence);
        Assert.Null(details.Conversation.AssigneeId);
        var fits = await op.PostAsJsonAsync($"/api/v1/conversations/{id}/notes", new { text = new string('b', Defaults.MaxTextLength - 2) + "\r\n" });
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
    }

    [Fact]
    public async Task An_operator_account_with_a_long_field_or_an_unknown_role_number_is_refused()
    {
        using var admin = await Server.OperatorClientAsync("admin");
        var login = $"op-{Guid.NewGuid():N}"[..20];
        object Account(string? login = null, string? displayName = null, string? extension = null, object? role = null, string password = "a-long-password") =>
            new { login = login ?? $"op-{Guid.NewGuid():N}"[..20], password, displayName, extension, role = role ?? "operator" };

        await AssertRefusedAsync(await admin.PostAsJsonAsync("/api/v1/operators", Account(login: new string('l', Defaults.MaxLoginLength + 1))), "login");
        await AssertRefusedAsync(await admin.PostAsJsonAsync("/api/v1/operators", Account(login: "two\nlines")), "login");
        await AssertRefusedAsync(await admin.PostAsJsonAsync("/api/v1/operators", Account(login, displayName: new string('d', Defaults.MaxNameLength + 1))), "displayName");
        await AssertRefusedAsync(await admin.PostAsJsonAsync("/api/v1/operators", Account(login, extension: new string('1', Defaults.MaxExtensionLength + 1))), "extension");
        await AssertRefusedAsync(await admin.PostAsJsonAsync("/api/v1/operators", Account(login, role: 99)), "role");
        await AssertRefusedAsync(await admin.PostAsJsonAsync("/api/v1/operators",
            Account(login, password: new string('p', Inbox.Web.OperatorApi.OperatorEndpoints.MaxPasswordLength + 1))), "password");

        var operators = (await admin.GetFromJsonAsync<List<OperatorView>>("/api/v1/operators", InboxJson.Options))!;
        Assert.DoesNotContain(operators, o => o.Login == login);
        var created = await admin.PostAsJsonAsync("/api/v1/operators", Account(login, displayName: "Anna\u202E", extension: "101", role: 1));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await created.ReadAsync<OperatorView>();
        Assert.Equal(("Anna", "101"), (view.DisplayName, view.Extension));
    }

    [Fact]
    public async Task A_900_KB_name_from_a_provider_is_cut_and_the_conversation_list_stays_small()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        var name = "Ivan\u202E" + new string('x', 900 * 1024);

        var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "hi", externalId: $"c-{Guid.NewGuid():N}", name: name);

        using var op = await Server.OperatorClientAsync("supervisor");
        var card = await op.GetFromJsonAsync<CustomerDetails>($"/api/v1/customers/{accepted.CustomerId}", InboxJson.Options);
        Assert.Equal(Defaults.MaxNameLength, card!.Customer.Name!.Length);
        Assert.StartsWith("Ivanxxx", card.Customer.Name, StringComparison.Ordinal);
        Assert.EndsWith("…", card.Customer.Name, StringComparison.Ordinal);
        var list = await op.GetAsync("/api/v1/conversations?limit=200");
        Assert.True((await list.Content.ReadAsByteArrayAsync()).Length < 200 * 1024);
    }

    [Fact]
    public async Task A_providers_text_is_kept_up_to_the_inbound_limit_and_says_where_it_was_cut()
    {
        var pipeline = Server.Services.GetRequiredService<IInboundPipeline>();
        var text = new string('a', Defaults.MaxInboundTextLength - 1) + "😀" + new string('b', 5000);
        var identity = new ChannelIdentity(IdentityKinds.Api, $"c-{Guid.NewGuid():N}");

        var accepted = await pipeline.AcceptAsync(new InboundMessage(ChannelNames.Api, $"m-{Guid.NewGuid():N}", [identity], "Line\r\nBreak", text, DateTimeOffset.UtcNow),
            CancellationToken.None);

        using var op = await Server.OperatorClientAsync("supervisor");
        var stored = (await op.ConversationAsync(accepted.ConversationId)).Messages.Single(m => m.Kind == MessageKind.Inbound);
        Assert.StartsWith(new string('a', Defaults.MaxInboundTextLength - 1) + "\n[… 5002 more characters", stored.Text, StringComparison.Ordinal);
        var card = await op.GetFromJsonAsync<CustomerDetails>($"/api/v1/customers/{accepted.CustomerId}", InboxJson.Options);
        Assert.Equal("Line Break", card!.Customer.Name);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(InboxJson.Options);
        Assert.Contains(field, problem!.Errors.Keys);
    }
}
