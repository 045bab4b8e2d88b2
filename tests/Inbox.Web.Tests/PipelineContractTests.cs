using Inbox.Connectors;
using Inbox.Domain.Conversations;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Inbox.Identity;

namespace Inbox.Web.Tests;

/// <summary>What the pipeline promises connectors beyond storing a message: threading, automated mail, checkpoints.</summary>
public sealed class PipelineContractTests : IAsyncLifetime
{
    private readonly ScriptedChannel _email = new("email");
    private InboxServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await InboxServer.StartAsync(configure: b => b.Services.AddSingleton<IOutboundChannel>(_email));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IInboundPipeline Pipeline => _server.Services.GetRequiredService<IInboundPipeline>();

    private static InboundMessage Mail(string from, string text) =>
        new("email", $"<{Guid.NewGuid():N}@mail.example>", [new ChannelIdentity("email", from)], null, text, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_reply_from_another_address_to_our_message_lands_in_that_customers_conversation()
    {
        var first = await Pipeline.AcceptAsync(Mail($"home{Guid.NewGuid():N}@example.com", "My order is broken") with
        {
            Metadata = new Dictionary<string, string> { ["subject"] = "Broken order" },
        }, CancellationToken.None);
        using var op = await _server.OperatorClientAsync();
        var reply = await op.ReplyAsync(first.ConversationId, "Please send a photo");
        await InboxApi.EventuallyAsync(() => op.ConversationAsync(first.ConversationId),
            d => d.Messages.Single(m => m.MessageId == reply.MessageId).Delivery == DeliveryState.Sent);
        var ourMessageId = $"scripted-{reply.MessageId}";

        var fromWork = await Pipeline.AcceptAsync(Mail($"work{Guid.NewGuid():N}@example.com", "Here is the photo") with { InReplyTo = ["<garbage>", ourMessageId] },
            CancellationToken.None);
        var byToken = await Pipeline.AcceptAsync(Mail($"phone{Guid.NewGuid():N}@example.com", "And from my phone") with { ConversationHint = first.ConversationId },
            CancellationToken.None);
        var stranger = await Pipeline.AcceptAsync(Mail($"x{Guid.NewGuid():N}@example.com", "unrelated") with { InReplyTo = ["<nothing-of-ours@x>"] },
            CancellationToken.None);

        Assert.Equal(first.CustomerId, fromWork.CustomerId);
        Assert.Equal(first.CustomerId, byToken.CustomerId);
        Assert.NotEqual(first.CustomerId, stranger.CustomerId);
        var history = await _server.Services.GetRequiredService<IConversationHistory>().LastInboundAsync(first.ConversationId, "email", CancellationToken.None);
        Assert.Equal("And from my phone", (await op.ConversationAsync(first.ConversationId)).Messages.Last().Text);
        Assert.NotNull(history);
    }

    [Fact]
    public async Task A_first_mail_from_an_orders_email_joins_the_customer_who_writes_from_that_orders_phone()
    {
        // The demo order 1048576 names +7 (916) 123-45-67 and ivan@example.com together.
        var sms = await Pipeline.AcceptAsync(new InboundMessage("sms", $"SM{Guid.NewGuid():N}", [new ChannelIdentity("phone", "+79161234567")], null,
            "Where is my order?", DateTimeOffset.UtcNow), CancellationToken.None);

        var mail = await Pipeline.AcceptAsync(Mail("ivan@example.com", "Writing by email too"), CancellationToken.None);
        var stranger = await Pipeline.AcceptAsync(Mail($"nobody{Guid.NewGuid():N}@example.com", "Not in any order"), CancellationToken.None);

        Assert.Equal(sms.CustomerId, mail.CustomerId);
        Assert.NotEqual(sms.CustomerId, stranger.CustomerId);
        using var op = await _server.OperatorClientAsync();
        Assert.Contains("email:ivan@example.com", (await op.ConversationAsync(sms.ConversationId)).Customer!.Identities.Select(i => i.ToString()));
    }

    [Fact]
    public async Task An_auto_reply_is_stored_but_does_not_reopen_a_resolved_conversation()
    {
        var address = $"c{Guid.NewGuid():N}@example.com";
        var first = await Pipeline.AcceptAsync(Mail(address, "Question"), CancellationToken.None);
        using var op = await _server.OperatorClientAsync();
        (await op.PostAsync($"/api/v1/conversations/{first.ConversationId}/resolve", null)).EnsureSuccessStatusCode();

        await Pipeline.AcceptAsync(Mail(address, "I am out of office until Monday") with { IsAutomated = true }, CancellationToken.None);

        var details = await op.ConversationAsync(first.ConversationId);
        Assert.Equal(ConversationStatus.Resolved, details.Conversation.Status);
        Assert.True(details.Messages.Last().Automated);
        await Pipeline.AcceptAsync(Mail(address, "A real follow-up"), CancellationToken.None);
        Assert.Equal(ConversationStatus.Queued, (await op.ConversationAsync(first.ConversationId)).Conversation.Status);
    }

    [Fact]
    public async Task A_checkpoint_is_stored_with_its_message_and_with_a_duplicate_too()
    {
        var cursors = _server.Services.GetRequiredService<IConnectorCursorStore>();
        var key = $"email:test-{Guid.NewGuid():N}";
        var mail = Mail($"c{Guid.NewGuid():N}@example.com", "first") with { Checkpoint = new ConnectorCheckpoint(key, "7:1") };

        await Pipeline.AcceptAsync(mail, CancellationToken.None);
        Assert.Equal("7:1", await cursors.GetAsync(key, CancellationToken.None));

        var again = await Pipeline.AcceptAsync(mail with { Checkpoint = new ConnectorCheckpoint(key, "8:1") }, CancellationToken.None);
        Assert.True(again.Duplicate);
        Assert.Equal("8:1", await cursors.GetAsync(key, CancellationToken.None));
    }
}
