using Inbox.Domain.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Inbox.Domain.Live;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// The bot answers first, through the customer's channel: an order status from the order system, a handoff with a card
/// and the place in the queue, silence while a person owns the conversation, and possible victims first in the queue.
/// </summary>
public sealed class ChatbotEndToEndTests : IAsyncLifetime
{
    private FakeCallbackServer _channel = null!;
    private InboxServer _server = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeCallbackServer.StartAsync();
        _server = await InboxServer.StartAsync(new Dictionary<string, string?>
        {
            ["Chatbot:Enabled"] = "true",
            ["Conversations:InitialStatus"] = "Bot",
            ["Channels:Api:CallbackUrl"] = _channel.Url,
            ["Channels:Api:CallbackSecret"] = FakeCallbackServer.Secret,
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _channel.DisposeAsync();
    }

    [Fact]
    public async Task The_bot_answers_an_order_question_hands_over_on_request_and_stays_silent_while_assigned()
    {
        using var api = _server.Client(InboxServer.ApiToken);
        using var op = await _server.OperatorClientAsync("operator");
        var asked = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Где мой заказ 1048576?", phone: "+7 916 123-45-67", name: "Иван");

        var answered = await InboxApi.EventuallyAsync(() => op.ConversationAsync(asked.ConversationId), d => d.Messages.Any(m => m.AuthorName == "bot"));
        var botReplies = answered.Messages.Where(m => m.AuthorName == "bot").ToList();
        var botReply = Assert.Single(botReplies, m => m.Text.Contains("Передан в службу доставки"));
        Assert.Equal(MessageKind.Outbound, botReply.Kind);
        var question = answered.Messages.Single(m => m.MessageId == asked.MessageId);
        Assert.Equal("order_status", question.BotDecision!.Intent);
        Assert.Contains("order_status", answered.Conversation.Labels!);
        Assert.Equal(ConversationStatus.Bot, answered.Conversation.Status);
        // A second bot answer to the same message (another node's bot, a retry) is refused: never two answers.
        var again = await _server.Services.GetRequiredService<IGrainFactory>().GetGrain<IConversationGrain>(asked.ConversationId).RecordBotTurnAsync(
            new BotTurnRecord(asked.MessageId, new BotDecisionInfo("order_status", 1, null, "ru"), ["a second answer"], null, "", []));
        Assert.False(again);
        Assert.Equal(botReplies.Count, (await op.ConversationAsync(asked.ConversationId)).Messages.Count(m => m.AuthorName == "bot"));

        // The reply reached the customer's channel.
        await InboxApi.EventuallyAsync(() => op.ConversationAsync(asked.ConversationId),
            d => d.Messages.Single(m => m.MessageId == botReply.MessageId).Delivery == DeliveryState.Sent);
        Assert.Contains(_channel.Received, r => r.Payload.MessageId == botReply.MessageId);

        await using var hub = await _server.ConnectHubAsync("operator");
        var live = new LiveEventCollector(hub);
        var request = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Позовите, пожалуйста, оператора", phone: "+7 916 123-45-67");

        var handedOver = await live.WaitForAsync(e => e.ConversationId == asked.ConversationId && e.Conversation.Status == ConversationStatus.Queued);
        // The card tells the operator what the customer came for and which order was found.
        Assert.Equal("1048576", handedOver.Conversation.Handoff!.OrderNumber);
        Assert.False(string.IsNullOrWhiteSpace(handedOver.Conversation.Handoff.Summary));
        var details = await op.ConversationAsync(asked.ConversationId);
        Assert.Equal("human", details.Messages.Single(m => m.MessageId == request.MessageId).BotDecision!.Intent);
        var afterHandoff = details.Messages.Count(m => m.AuthorName == "bot");
        Assert.True(afterHandoff > botReplies.Count, "the customer is told a person will answer");

        (await op.PostAsync($"/api/v1/conversations/{asked.ConversationId}/assign", null)).EnsureSuccessStatusCode();
        var afterAssign = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Где мой заказ 1048576? Ответьте!", phone: "+7 916 123-45-67");
        // A marker conversation: once the bot has answered it, it would have answered the assigned one before.
        var marker = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Где мой заказ MV-2231187?", externalId: $"marker-{Guid.NewGuid():N}");
        await InboxApi.EventuallyAsync(() => op.ConversationAsync(marker.ConversationId), d => d.Messages.Any(m => m.AuthorName == "bot"));
        var silent = await op.ConversationAsync(asked.ConversationId);
        Assert.Equal(afterHandoff, silent.Messages.Count(m => m.AuthorName == "bot"));
        Assert.Null(silent.Messages.Single(m => m.MessageId == afterAssign.MessageId).BotDecision);
    }

    [Fact]
    public async Task A_possible_victim_is_handed_over_at_once_and_waits_first_in_the_queue()
    {
        using var api = _server.Client(InboxServer.ApiToken);
        using var op = await _server.OperatorClientAsync("operator");
        var ordinary = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Позовите человека", externalId: $"c-{Guid.NewGuid():N}");
        await InboxApi.EventuallyAsync(() => op.ConversationAsync(ordinary.ConversationId), d => d.Conversation.Status == ConversationStatus.Queued);

        var victim = await api.SendInboundAsync($"m-{Guid.NewGuid():N}",
            "Мне позвонили из службы безопасности магазина, я продиктовал код из смс и с карты списали деньги", externalId: $"c-{Guid.NewGuid():N}");

        var queued = await InboxApi.EventuallyAsync(() => op.ConversationAsync(victim.ConversationId), d => d.Conversation.Status == ConversationStatus.Queued);
        Assert.True(queued.Conversation.Handoff!.PossibleVictim);
        Assert.Equal(2, queued.Conversation.Handoff.Priority);
        Assert.Contains("fraud", queued.Conversation.Labels!);
        Assert.DoesNotContain(queued.Messages.Where(m => m.AuthorName == "bot"), m => m.Text.Contains("CVV", StringComparison.OrdinalIgnoreCase) && m.Text.Contains('?'));
        var queue = await op.ConversationsAsync("?status=queued&limit=200");
        Assert.Equal(victim.ConversationId, queue.Items[0].Conversation.ConversationId);
    }
}
