using System.Net;
using System.Net.Http.Json;
using Inbox.Connectors;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Web.OperatorApi;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Inbox.Identity;

namespace Inbox.Web.Tests;

/// <summary>One customer across channels: merge and unmerge by a supervisor, automatic merge on verified evidence.</summary>
public sealed class CustomerMergeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    private IInboundPipeline Pipeline => Server.Services.GetRequiredService<IInboundPipeline>();

    private Task<InboundAcceptance> WriteAsync(string channel, ChannelIdentity from, string text, params ChannelIdentity[] more) =>
        Pipeline.AcceptAsync(new InboundMessage(channel, $"{channel}-{Guid.NewGuid():N}", [from, .. more], null, text, DateTimeOffset.UtcNow), CancellationToken.None);

    private static string Unique() => Random.Shared.Next(1_000_000, 9_999_999).ToString();

    [Fact]
    public async Task Two_customers_on_four_channels_become_one_and_new_messages_land_on_the_survivor()
    {
        var n = Unique();
        var telegram = new ChannelIdentity("telegram", n);
        var phone = new ChannelIdentity("phone", $"+7916{n}");
        var vk = new ChannelIdentity("vk", n);
        var email = new ChannelIdentity("email", $"c{n}@example.com");
        using var supervisor = await Server.OperatorClientAsync("supervisor");
        // Customer a: Telegram, whose own number came with a shared contact, then an SMS from that number.
        var a1 = await WriteAsync("telegram", telegram, "tg 1", phone);
        // Customer b: VK, then an email address an operator confirmed, then an email.
        var b1 = await WriteAsync("vk", vk, "vk 1");
        var a2 = await WriteAsync("sms", phone, "sms 1");
        (await supervisor.PostAsJsonAsync($"/api/v1/customers/{b1.CustomerId}/identities", new { identity = email.Value })).EnsureSuccessStatusCode();
        var b2 = await WriteAsync("email", email, "email 1");
        Assert.Equal(a1.CustomerId, a2.CustomerId);
        Assert.Equal(b1.CustomerId, b2.CustomerId);
        Assert.NotEqual(a1.CustomerId, b1.CustomerId);

        var merged = await supervisor.PostAsJsonAsync($"/api/v1/customers/{a1.CustomerId}/merge", new { customerId = b1.CustomerId });
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);

        var survivor = await supervisor.ConversationAsync(a1.ConversationId);
        var texts = survivor.Messages.Where(m => m.Kind == MessageKind.Inbound).Select(m => m.Text).ToList();
        Assert.Equal(["tg 1", "vk 1", "sms 1", "email 1"], texts);
        Assert.Equal(
            new[] { telegram, phone, vk, email }.Select(i => i.ToString()).Order(),
            survivor.Customer!.Identities.Select(i => i.ToString()).Order());
        var gone = await supervisor.GetFromJsonAsync<CustomerDetails>($"/api/v1/customers/{b1.CustomerId}", InboxJson.Options);
        Assert.Equal(a1.CustomerId, gone!.Customer.MergedInto);
        Assert.Empty((await supervisor.ConversationAsync(b1.ConversationId)).Messages);

        var afterVk = await WriteAsync("vk", vk, "vk after merge");
        var afterEmail = await WriteAsync("email", email, "email after merge");
        Assert.Equal(a1.CustomerId, afterVk.CustomerId);
        Assert.Equal(a1.ConversationId, afterEmail.ConversationId);
        Assert.Equal(6, (await supervisor.ConversationAsync(a1.ConversationId)).Messages.Count(m => m.Kind == MessageKind.Inbound));
        var found = await supervisor.GetFromJsonAsync<List<Inbox.Domain.Storage.CustomerSummary>>($"/api/v1/customers?q={Uri.EscapeDataString(email.Value)}", InboxJson.Options);
        Assert.Equal(a1.CustomerId, Assert.Single(found!).CustomerId);
    }

    [Fact]
    public async Task An_unmerge_gives_back_the_identities_and_the_original_messages()
    {
        var n = Unique();
        var telegram = new ChannelIdentity("telegram", n);
        var vk = new ChannelIdentity("vk", n);
        var a = await WriteAsync("telegram", telegram, "a before");
        var b = await WriteAsync("vk", vk, "b before");
        using var supervisor = await Server.OperatorClientAsync("supervisor");
        (await supervisor.PostAsJsonAsync($"/api/v1/customers/{a.CustomerId}/merge", new { customerId = b.CustomerId })).EnsureSuccessStatusCode();
        var during = await WriteAsync("vk", vk, "b during the merge");

        var unmerged = await supervisor.PostAsJsonAsync($"/api/v1/customers/{a.CustomerId}/unmerge", new { customerId = b.CustomerId });

        Assert.Equal(HttpStatusCode.OK, unmerged.StatusCode);
        Assert.Equal(a.CustomerId, during.CustomerId);
        Assert.Equal(["b before"], (await supervisor.ConversationAsync(b.ConversationId)).Messages.Select(m => m.Text));
        Assert.Equal(["a before", "b during the merge"], (await supervisor.ConversationAsync(a.ConversationId)).Messages.Select(m => m.Text));
        Assert.Equal(b.CustomerId, (await WriteAsync("vk", vk, "b after")).CustomerId);
        var card = await supervisor.GetFromJsonAsync<CustomerDetails>($"/api/v1/customers/{b.CustomerId}", InboxJson.Options);
        Assert.Null(card!.Customer.MergedInto);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync($"/api/v1/customers/{a.CustomerId}/unmerge", new { customerId = b.CustomerId })).StatusCode);
    }

    [Fact]
    public async Task A_telegram_contact_of_the_senders_own_number_merges_the_sms_customer_into_the_telegram_one()
    {
        var n = Unique();
        var phone = new ChannelIdentity("phone", $"+7926{n}");
        var telegram = new ChannelIdentity("telegram", n);
        var sms = await WriteAsync("sms", phone, "from my phone");
        var chat = await WriteAsync("telegram", telegram, "hello from telegram");

        var contact = await WriteAsync("telegram", telegram, "[contact shared]", phone);

        Assert.Equal(chat.CustomerId, contact.CustomerId);
        using var op = await Server.OperatorClientAsync("operator");
        var timeline = await op.ConversationAsync(chat.ConversationId);
        Assert.Equal(["from my phone", "hello from telegram", "[contact shared]"], timeline.Messages.Select(m => m.Text));
        Assert.Equal(chat.CustomerId, (await WriteAsync("whatsapp", phone, "now on whatsapp")).CustomerId);
        var old = await op.GetFromJsonAsync<CustomerDetails>($"/api/v1/customers/{sms.CustomerId}", InboxJson.Options);
        Assert.Equal(chat.CustomerId, old!.Customer.MergedInto);
    }

    [Fact]
    public async Task The_order_system_suggests_addresses_for_an_operator_to_confirm()
    {
        // Demo orders 1048576 and MV-2231187 name +7 916 123-45-67 next to ivan@example.com.
        using var op = await Server.OperatorClientAsync("operator");
        var created = await op.PostAsJsonAsync("/api/v1/customers", new { name = "Иван", identities = new[] { "+7 916 123-45-67" } });
        var ivan = await created.ReadAsync<CustomerCard>();

        var suggestions = await op.GetFromJsonAsync<List<LinkSuggestion>>($"/api/v1/customers/{ivan.CustomerId}/suggestions", InboxJson.Options);

        var email = Assert.Single(suggestions!);
        Assert.Equal("email:ivan@example.com", email.Identity);
        Assert.Null(email.OwnerCustomerId);
        Assert.Matches("^Order (1048576|MV-2231187) names it next to phone:\\+79161234567\\.$", email.Reason);
        Assert.DoesNotContain("email:ivan@example.com", (await op.GetFromJsonAsync<CustomerDetails>($"/api/v1/customers/{ivan.CustomerId}", InboxJson.Options))!.Customer.Identities.Select(i => i.ToString()));

        var other = await (await op.PostAsJsonAsync("/api/v1/customers", new { name = "Ivan by mail", identities = new[] { "ivan@example.com" } })).ReadAsync<CustomerCard>();
        var now = await op.GetFromJsonAsync<List<LinkSuggestion>>($"/api/v1/customers/{ivan.CustomerId}/suggestions", InboxJson.Options);
        Assert.Equal(other.CustomerId, Assert.Single(now!).OwnerCustomerId);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/api/v1/customers/{Guid.NewGuid()}/suggestions")).StatusCode);
    }

    [Fact]
    public async Task Operators_cannot_merge_and_nobody_merges_a_customer_with_itself()
    {
        var a = await WriteAsync("telegram", new ChannelIdentity("telegram", Unique()), "a");
        var b = await WriteAsync("telegram", new ChannelIdentity("telegram", Unique()), "b");
        using var op = await Server.OperatorClientAsync("operator");
        using var supervisor = await Server.OperatorClientAsync("supervisor");

        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync($"/api/v1/customers/{a.CustomerId}/merge", new { customerId = b.CustomerId })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync($"/api/v1/customers/{a.CustomerId}/merge", new { customerId = a.CustomerId })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync($"/api/v1/customers/{a.CustomerId}/merge", new { customerId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PostAsJsonAsync($"/api/v1/customers/{Guid.NewGuid()}/merge", new { customerId = a.CustomerId })).StatusCode);
    }

    [Fact]
    public async Task An_operator_creates_a_customer_for_an_unknown_caller_and_links_a_confirmed_number()
    {
        var n = Unique();
        using var op = await Server.OperatorClientAsync("operator");

        var created = await op.PostAsJsonAsync("/api/v1/customers", new { name = "Caller", identities = new[] { $"8 916 {n}" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var card = await created.ReadAsync<CustomerCard>();
        Assert.Equal([$"phone:+7916{n}"], card.Identities.Select(i => i.ToString()));
        Assert.Equal(HttpStatusCode.Conflict, (await op.PostAsJsonAsync("/api/v1/customers", new { name = "Again", identities = new[] { $"+7916{n}" } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostAsJsonAsync("/api/v1/customers", new { identities = new[] { "anonymous" } })).StatusCode);

        var linked = await op.PostAsJsonAsync($"/api/v1/customers/{card.CustomerId}/identities", new { identity = $"caller{n}@example.com" });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Contains($"email:caller{n}@example.com", (await linked.ReadAsync<CustomerCard>()).Identities.Select(i => i.ToString()));
        var sms = await WriteAsync("sms", new ChannelIdentity("phone", $"+7916{n}"), "it is me");
        Assert.Equal(card.CustomerId, sms.CustomerId);
    }
}
