using Inbox.Connectors;
using Inbox.Domain.Calls;
using Inbox.Domain.Conversations;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;

namespace Inbox.Web.Tests;

/// <summary>
/// The list's preview of a call (issue 15): while the call is the conversation's last item, <c>lastMessagePreview</c>
/// follows it (ringing, ended), so that the list is right after a reload; a call that is no longer the last item leaves it.
/// </summary>
public sealed class CallPreviewTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    private ICallEventSink Calls => Server.Services.GetRequiredService<ICallEventSink>();

    private static string Unique() => Random.Shared.Next(1_000_000, 9_999_999).ToString();

    private static CallEvent Event(string callKey, CallEventKind kind, string caller, long seq, CallEndReason? reason = null) =>
        new("cti", callKey, "leg", seq, kind, CallDirection.Inbound, caller, null, "74951234567", null, DateTimeOffset.UtcNow, reason);

    [Fact]
    public async Task A_call_that_is_the_last_item_is_the_preview_as_it_is_now()
    {
        var n = Unique();
        var customer = await CreateCustomerAsync(n);
        using var op = await Server.OperatorClientAsync();
        var key = $"p-{n}";

        await Calls.RecordAsync(Event(key, CallEventKind.Ringing, $"+7916{n}", 1), CancellationToken.None);
        Assert.Equal($"Incoming call from +7916{n}: ringing", (await PreviewAsync(op, customer)).LastMessagePreview);

        await Calls.RecordAsync(Event(key, CallEventKind.Ended, $"+7916{n}", 2, CallEndReason.Missed), CancellationToken.None);

        var conversation = await PreviewAsync(op, customer);
        Assert.Equal($"Missed call from +7916{n}", conversation.LastMessagePreview);
        Assert.Equal(conversation.LastMessagePreview, (await op.ConversationAsync(customer)).Conversation.LastMessagePreview);
    }

    [Fact]
    public async Task A_call_followed_by_a_message_leaves_the_preview_to_the_message()
    {
        var n = Unique();
        var customer = await CreateCustomerAsync(n);
        using var op = await Server.OperatorClientAsync();
        var key = $"q-{n}";
        await Calls.RecordAsync(Event(key, CallEventKind.Ringing, $"+7916{n}", 1), CancellationToken.None);
        using var api = Server.Client(InboxServer.ApiToken);
        var written = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Sorry, I cannot talk now, please write.", phone: $"+7916{n}");
        Assert.Equal(customer, written.ConversationId);
        Assert.Equal("Sorry, I cannot talk now, please write.", (await PreviewAsync(op, customer)).LastMessagePreview);

        await Calls.RecordAsync(Event(key, CallEventKind.Ended, $"+7916{n}", 2, CallEndReason.Missed), CancellationToken.None);

        var details = await op.ConversationAsync(customer);
        Assert.Equal($"Missed call from +7916{n}", details.Messages.Single(m => m.Kind == MessageKind.CallEvent).Text);
        Assert.Equal("Sorry, I cannot talk now, please write.", details.Conversation.LastMessagePreview);
    }

    private static async Task<ConversationSnapshot> PreviewAsync(HttpClient op, Guid conversationId)
    {
        var page = await op.ConversationsAsync("?limit=200");
        return Assert.Single(page.Items, i => i.Conversation.ConversationId == conversationId).Conversation;
    }

    private async Task<Guid> CreateCustomerAsync(string n)
    {
        using var op = await Server.OperatorClientAsync();
        var created = await op.PostAsJsonAsync("/api/v1/customers", new { name = "Caller " + n, identities = new[] { $"+7916{n}" } });
        created.EnsureSuccessStatusCode();
        return (await created.ReadAsync<Inbox.Domain.Customers.CustomerCard>()).CustomerId;
    }
}
