using System.Net;
using System.Net.Http.Json;
using Inbox.Connectors;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Identity;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests;

/// <summary>
/// Issue 12, item 16: a reply to a channel the customer's identity cannot receive on (no address there, SMS STOP, a blocked
/// bot) is refused at once with 400 naming the field, and nothing is stored, instead of failing later in the outbox.
/// </summary>
public sealed class ReplyRecipientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    private IInboundPipeline Pipeline => Server.Services.GetRequiredService<IInboundPipeline>();

    private Task<InboundAcceptance> WritesAsync(string channel, ChannelIdentity from, string text) =>
        Pipeline.AcceptAsync(new InboundMessage(channel, $"x-{Guid.NewGuid():N}", [from], "Ivan", text, DateTimeOffset.UtcNow), CancellationToken.None);

    [Fact]
    public async Task After_SMS_STOP_a_reply_by_SMS_is_refused_at_once_and_WhatsApp_still_goes()
    {
        var phone = new ChannelIdentity(IdentityKinds.Phone, $"+7916{Random.Shared.Next(1_000_000, 9_999_999)}");
        var accepted = await WritesAsync(ChannelNames.Sms, phone, "STOP");
        await Server.Services.GetRequiredService<IIdentityReachability>()
            .SetReachableAsync(ChannelNames.Sms, phone, false, "The customer replied STOP.", CancellationToken.None);
        using var op = await Server.OperatorClientAsync();
        var id = accepted.ConversationId;

        await AssertRefusedAsync(await Reply(op, id, null, null), "channel", "STOP");
        await AssertRefusedAsync(await Reply(op, id, "sms", null), "channel", "STOP");
        await AssertRefusedAsync(await Reply(op, id, "sms", phone.ToString()), "identity", "STOP");

        var details = await op.ConversationAsync(id);
        Assert.Single(details.Messages);
        Assert.Null(details.Conversation.AssigneeId);
        var whatsApp = await Reply(op, id, "whatsapp", null);
        Assert.Equal(HttpStatusCode.Accepted, whatsApp.StatusCode);
        var sent = await whatsApp.ReadAsync<TimelineMessage>();
        Assert.Equal(("whatsapp", phone.ToString()), (sent.Channel, sent.Identity));
    }

    [Fact]
    public async Task A_channel_the_customer_has_no_address_on_is_refused()
    {
        var own = new ChannelIdentity(IdentityKinds.Api, $"c-{Guid.NewGuid():N}");
        var accepted = await WritesAsync(ChannelNames.Api, own, "hi");
        using var op = await Server.OperatorClientAsync();
        var id = accepted.ConversationId;

        await AssertRefusedAsync(await Reply(op, id, "telegram", null), "channel", "no address");
        await AssertRefusedAsync(await Reply(op, id, "voice", null), "channel", "Replies go through");
        await AssertRefusedAsync(await Reply(op, id, "fax", null), "channel", "Replies go through");
        await AssertRefusedAsync(await Reply(op, id, "telegram", own.ToString()), "channel", "cannot write to");
        await AssertRefusedAsync(await Reply(op, id, "sms", "phone:+79160000000"), "identity", "not one of this customer's identities");
        Assert.Single((await op.ConversationAsync(id)).Messages);

        var byIdentity = await Reply(op, id, null, own.ToString());
        Assert.Equal(HttpStatusCode.Accepted, byIdentity.StatusCode);
        Assert.Equal(("api", own.ToString()), ((await byIdentity.ReadAsync<TimelineMessage>()).Channel, own.ToString()));
    }

    [Fact]
    public async Task A_phone_without_a_channel_needs_the_channel_named()
    {
        var phone = new ChannelIdentity(IdentityKinds.Phone, $"+7916{Random.Shared.Next(1_000_000, 9_999_999)}");
        var accepted = await WritesAsync(ChannelNames.WhatsApp, phone, "hi");
        using var op = await Server.OperatorClientAsync();

        await AssertRefusedAsync(await Reply(op, accepted.ConversationId, null, phone.ToString()), "channel", "sms or whatsapp");
        Assert.Equal(HttpStatusCode.Accepted, (await Reply(op, accepted.ConversationId, "sms", phone.ToString())).StatusCode);
    }

    [Fact]
    public async Task A_customer_who_blocked_the_bot_is_not_written_to_there()
    {
        var user = new ChannelIdentity(IdentityKinds.Telegram, $"{Random.Shared.Next()}");
        var accepted = await WritesAsync(ChannelNames.Telegram, user, "hi");
        await Server.Services.GetRequiredService<IIdentityReachability>()
            .SetReachableAsync(ChannelNames.Telegram, user, false, "The customer blocked the bot.", CancellationToken.None);
        using var op = await Server.OperatorClientAsync();

        await AssertRefusedAsync(await Reply(op, accepted.ConversationId, null, null), "channel", "blocked the bot");
        Assert.Single((await op.ConversationAsync(accepted.ConversationId)).Messages);
    }

    private static Task<HttpResponseMessage> Reply(HttpClient op, Guid id, string? channel, string? identity) =>
        op.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "hello", channel, identity }, InboxJson.Options);

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field, string reason)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(InboxJson.Options);
        Assert.Contains(reason, Assert.Single(problem!.Errors[field]), StringComparison.Ordinal);
    }
}
