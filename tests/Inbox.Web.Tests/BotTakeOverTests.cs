using Inbox.Domain.Conversations;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// The console's Bot tab (issue 15): an operator takes a conversation the bot is holding by assigning it to themselves;
/// it is theirs at once, and the bot answers none of the customer's next messages.
/// </summary>
public sealed class BotTakeOverTests : IAsyncLifetime
{
    private InboxServer _server = null!;

    public async Task InitializeAsync() => _server = await InboxServer.StartAsync(new Dictionary<string, string?>
    {
        ["Chatbot:Enabled"] = "true",
        ["Conversations:InitialStatus"] = "Bot",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_operator_assigning_a_bot_conversation_to_themselves_takes_it_and_the_bot_stays_silent()
    {
        using var api = _server.Client(InboxServer.ApiToken);
        using var op = await _server.OperatorClientAsync("operator");
        var externalId = $"bot-{Guid.NewGuid():N}";
        var asked = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Где мой заказ 1048576?", externalId: externalId, name: "Bot Waiter");
        var answered = await InboxApi.EventuallyAsync(() => op.ConversationAsync(asked.ConversationId), d => d.Messages.Any(m => m.AuthorName == "bot"));
        Assert.Equal(ConversationStatus.Bot, answered.Conversation.Status);
        Assert.NotNull(answered.Conversation.LastInboundAt);
        var botAnswers = answered.Messages.Count(m => m.AuthorName == "bot");
        var listed = (await op.ConversationsAsync("?status=bot&limit=200")).Items.Select(i => i.Conversation.ConversationId);
        Assert.Contains(asked.ConversationId, listed);

        var assign = await op.PostAsync($"/api/v1/conversations/{asked.ConversationId}/assign", System.Net.Http.Json.JsonContent.Create(new { }));

        assign.EnsureSuccessStatusCode();
        var taken = await op.ConversationAsync(asked.ConversationId);
        Assert.Equal(ConversationStatus.Assigned, taken.Conversation.Status);
        var me = (await op.ConversationsAsync("?status=assigned&assignee=me&limit=200")).Items.Select(i => i.Conversation.ConversationId);
        Assert.Contains(asked.ConversationId, me);
        Assert.DoesNotContain(asked.ConversationId, (await op.ConversationsAsync("?status=bot&limit=200")).Items.Select(i => i.Conversation.ConversationId));

        var again = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Где мой заказ 1048576? Ответьте!", externalId: externalId);
        // A marker conversation: once the bot has answered it, it would have answered the taken one before.
        var marker = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Где мой заказ 1048576?", externalId: $"marker-{Guid.NewGuid():N}");
        var markerAnswered = await InboxApi.EventuallyAsync(() => op.ConversationAsync(marker.ConversationId), d => d.Messages.Any(m => m.AuthorName == "bot"));
        Assert.Contains(markerAnswered.Messages, m => m.AuthorName == "bot");

        var silent = await op.ConversationAsync(asked.ConversationId);
        Assert.Equal(botAnswers, silent.Messages.Count(m => m.AuthorName == "bot"));
        Assert.Null(silent.Messages.Single(m => m.MessageId == again.MessageId).BotDecision);
        Assert.Equal(ConversationStatus.Assigned, silent.Conversation.Status);
    }
}
