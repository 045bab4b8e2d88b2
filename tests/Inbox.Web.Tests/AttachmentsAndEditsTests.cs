using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Inbox.Connectors;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Web.OperatorApi;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Inbox.Identity;

namespace Inbox.Web.Tests;

/// <summary>What every messenger connector relies on: files both ways, edited messages, and unreachable recipients.</summary>
public sealed class AttachmentsAndEditsTests : IAsyncLifetime
{
    private readonly ScriptedChannel _channel = new("telegram");
    private InboxServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await InboxServer.StartAsync(configure: b => b.Services.AddSingleton<IOutboundChannel>(_channel));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IInboundPipeline Pipeline => _server.Services.GetRequiredService<IInboundPipeline>();

    private async Task<InboundAcceptance> CustomerWritesAsync(string userId, string text, IReadOnlyList<InboundAttachment>? files = null) =>
        await Pipeline.AcceptAsync(new InboundMessage("telegram", $"{userId}:{Guid.NewGuid():N}", [new ChannelIdentity("telegram", userId)], "Ivan",
            text, DateTimeOffset.UtcNow, files), CancellationToken.None);

    [Fact]
    public async Task A_customers_photo_is_kept_and_an_operator_can_open_it()
    {
        var photo = Encoding.ASCII.GetBytes("\x89PNG fake image bytes");
        var accepted = await CustomerWritesAsync($"{Random.Shared.Next()}", "чек", [new InboundAttachment("receipt.png", "image/png", photo, "AgAC-l")]);
        using var op = await _server.OperatorClientAsync();

        var message = Assert.Single((await op.ConversationAsync(accepted.ConversationId)).Messages);
        var file = Assert.Single(message.Attachments!);
        Assert.Equal(("receipt.png", "image/png", (long)photo.Length), (file.FileName, file.ContentType, file.Size));
        var download = await op.GetAsync($"/api/v1/attachments/{file.AttachmentId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(photo, await download.Content.ReadAsByteArrayAsync());
        using var anonymous = _server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/attachments/{file.AttachmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/api/v1/attachments/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task An_operator_sends_a_file_and_the_connector_gets_its_content()
    {
        var accepted = await CustomerWritesAsync($"{Random.Shared.Next()}", "send me the invoice");
        using var op = await _server.OperatorClientAsync();
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7 invoice");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "file", "invoice.pdf" } };

        var upload = await op.PostAsync("/api/v1/attachments", form);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var info = await upload.ReadAsync<AttachmentInfo>();
        var reply = await op.PostAsJsonAsync($"/api/v1/conversations/{accepted.ConversationId}/messages",
            new { text = "Here it is", attachmentIds = new[] { info.AttachmentId } }, InboxJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, reply.StatusCode);
        var sent = await reply.ReadAsync<TimelineMessage>();

        await InboxApi.EventuallyAsync(() => op.ConversationAsync(accepted.ConversationId),
            d => d.Messages.Single(m => m.MessageId == sent.MessageId).Delivery == DeliveryState.Sent);
        var (message, files) = Assert.Single(_channel.Sent, s => s.Message.MessageId == sent.MessageId);
        Assert.Equal("Here it is", message.Text);
        var file = Assert.Single(files);
        Assert.Equal("invoice.pdf", file.Name);
        Assert.Equal(pdf, file.Content);
        var unknown = await op.PostAsJsonAsync($"/api/v1/conversations/{accepted.ConversationId}/messages",
            new { text = "x", attachmentIds = new[] { Guid.NewGuid() } }, InboxJson.Options);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task An_edited_message_changes_in_place_and_operators_see_the_edit_live()
    {
        var user = $"{Random.Shared.Next()}";
        var externalId = $"{user}:42";
        var original = await Pipeline.AcceptAsync(new InboundMessage("telegram", externalId, [new ChannelIdentity("telegram", user)], "Ivan",
            "Где мой заказ 1234?", DateTimeOffset.UtcNow), CancellationToken.None);
        await using var hub = await _server.ConnectHubAsync("supervisor");
        var live = new LiveEventCollector(hub);

        var edited = await Pipeline.EditAsync(new InboundEdit("telegram", externalId, "Где мой заказ 1235?", DateTimeOffset.UtcNow), CancellationToken.None);
        var unknown = await Pipeline.EditAsync(new InboundEdit("telegram", $"{user}:999", "nothing", DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.True(edited);
        Assert.False(unknown);
        var liveEdit = await live.WaitForAsync(e => e.Type == LiveEventTypes.MessageEdited && e.ConversationId == original.ConversationId);
        Assert.Equal("Где мой заказ 1235?", liveEdit.Message!.Text);
        using var op = await _server.OperatorClientAsync();
        var message = Assert.Single((await op.ConversationAsync(original.ConversationId)).Messages);
        Assert.Equal(original.MessageId, message.MessageId);
        Assert.Equal("Где мой заказ 1235?", message.Text);
        Assert.NotNull(message.EditedAt);
    }

    [Fact]
    public async Task A_customer_who_blocked_us_is_marked_unreachable_on_the_card()
    {
        var user = $"{Random.Shared.Next()}";
        var accepted = await CustomerWritesAsync(user, "hi");
        _channel.Answer = _ => new DeliveryOutcome.Failed("The customer blocked the bot.", RecipientUnreachable: true);
        using var op = await _server.OperatorClientAsync();

        var reply = await op.ReplyAsync(accepted.ConversationId, "Hello?");

        var details = await InboxApi.EventuallyAsync(() => op.ConversationAsync(accepted.ConversationId),
            d => d.Messages.Single(m => m.MessageId == reply.MessageId).Delivery == DeliveryState.Failed);
        Assert.Equal("The customer blocked the bot.", details.Messages.Single(m => m.MessageId == reply.MessageId).DeliveryError);
        var card = await op.GetFromJsonAsync<CustomerDetails>($"/api/v1/customers/{accepted.CustomerId}", InboxJson.Options);
        Assert.Equal("The customer blocked the bot.", card!.Customer.Unreachable![$"telegram:{user}"]);

        await _server.Services.GetRequiredService<IIdentityReachability>().SetReachableAsync("telegram", new ChannelIdentity("telegram", user), true, null, CancellationToken.None);
        card = await op.GetFromJsonAsync<CustomerDetails>($"/api/v1/customers/{accepted.CustomerId}", InboxJson.Options);
        Assert.Empty(card!.Customer.Unreachable!);
        Assert.Empty(card.Customer.UnreachableOn!);
    }

    [Fact]
    public async Task Sms_STOP_marks_the_phone_unreachable_by_SMS_only_and_WhatsApp_stays_reachable()
    {
        var phone = new ChannelIdentity(IdentityKinds.Phone, $"+7916{Random.Shared.Next(1_000_000, 9_999_999)}");
        var accepted = await Pipeline.AcceptAsync(new InboundMessage(ChannelNames.Sms, $"SM{Guid.NewGuid():N}", [phone], null, "STOP", DateTimeOffset.UtcNow), CancellationToken.None);
        await Pipeline.AcceptAsync(new InboundMessage(ChannelNames.WhatsApp, $"SM{Guid.NewGuid():N}", [phone], null, "hi", DateTimeOffset.UtcNow), CancellationToken.None);
        var reachability = _server.Services.GetRequiredService<IIdentityReachability>();
        using var op = await _server.OperatorClientAsync();

        await reachability.SetReachableAsync(ChannelNames.Sms, phone, false, "The customer replied STOP.", CancellationToken.None);

        var card = (await op.GetFromJsonAsync<CustomerDetails>($"/api/v1/customers/{accepted.CustomerId}", InboxJson.Options))!.Customer;
        Assert.True(card.IsUnreachable(ChannelNames.Sms, phone));
        Assert.False(card.IsUnreachable(ChannelNames.WhatsApp, phone));
        Assert.Equal("The customer replied STOP.", card.UnreachableOn![ChannelNames.Sms][phone.ToString()]);
        Assert.Empty(card.Unreachable!); // the channel-less view never calls a whole phone unreachable
        var json = await op.GetStringAsync($"/api/v1/customers/{accepted.CustomerId}");
        Assert.Contains($"\"unreachableOn\":{{\"sms\":{{\"{phone}\":\"The customer replied STOP.\"}}}}", json, StringComparison.Ordinal);

        // A WhatsApp failure marks WhatsApp alone; START on SMS then clears SMS alone.
        await reachability.SetReachableAsync(ChannelNames.WhatsApp, phone, false, "WhatsApp says no.", CancellationToken.None);
        await reachability.SetReachableAsync(ChannelNames.Sms, phone, true, "START", CancellationToken.None);
        card = (await op.GetFromJsonAsync<CustomerDetails>($"/api/v1/customers/{accepted.CustomerId}", InboxJson.Options))!.Customer;
        Assert.False(card.IsUnreachable(ChannelNames.Sms, phone));
        Assert.True(card.IsUnreachable(ChannelNames.WhatsApp, phone));
    }
}
