using System.Net;
using Inbox.Chatbot.Local;
using Inbox.Domain.Conversations;
using Inbox.Web.OperatorApi;
using Inbox.Web.Tests.Infrastructure;
using static Inbox.Web.Tests.Infrastructure.ChannelWebhooks;

namespace Inbox.Web.Tests;

/// <summary>
/// The bot's dialogue through real channels: a number shared in Telegram is thanked and the order question asked before it is
/// answered with the orders of that number; the way out to a person is said once, though the customer moves to WhatsApp.
/// </summary>
public sealed class BotDialogueEndToEndTests : IAsyncLifetime
{
    private const long TelegramUser = 987650001;
    private FakeProviders _providers = null!;
    private InboxServer _server = null!;

    public async Task InitializeAsync()
    {
        _providers = await FakeProviders.StartAsync();
        _server = await InboxServer.StartAsync(Settings(_providers, new Dictionary<string, string?>
        {
            ["Chatbot:Enabled"] = "true",
            ["Conversations:InitialStatus"] = "Bot",
        }));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _providers.DisposeAsync();
    }

    [Fact]
    public async Task A_number_shared_in_telegram_is_thanked_answers_the_order_question_and_the_way_out_is_said_once_on_two_channels()
    {
        using var client = _server.Client();
        using var op = await _server.OperatorClientAsync("supervisor");

        Assert.Equal(HttpStatusCode.OK, (await PostTelegramAsync(client, TelegramMessage(1, "\"text\":\"Где мой заказ?\""))).StatusCode);
        var item = await ArrivedAsync(op, $"telegram:{TelegramUser}");
        var conversationId = item.Conversation.ConversationId;
        var asked = await AnsweredAsync(op, conversationId, inbound: 1);
        Assert.Contains(asked.Messages, m => m.AuthorName == "bot" && m.Text.Contains("номер заказа", StringComparison.Ordinal));

        var contact = $$"""
            "contact":{"phone_number":"79161234567","first_name":"Иван","user_id":{{TelegramUser}}}
            """;
        Assert.Equal(HttpStatusCode.OK, (await PostTelegramAsync(client, TelegramMessage(2, contact))).StatusCode);
        var shared = await AnsweredAsync(op, conversationId, inbound: 2);
        var answer = BotTextsAfter(shared, shared.Messages.Last(m => m.Kind == MessageKind.Inbound));
        Assert.Equal("Спасибо, номер сохранили.", answer[0]);
        Assert.Contains(answer, t => t.Contains("Заказ 1048576: статус «Передан в службу доставки»", StringComparison.Ordinal));
        Assert.Equal(ConversationStatus.Bot, shared.Conversation.Status);

        var whatsapp = await PostTwilioAsync(client, "/webhooks/twilio/messages", new()
        {
            ["MessageSid"] = "SM" + new string('7', 32), ["AccountSid"] = "AC0123456789abcdef0123456789abcdef", ["From"] = "whatsapp:+79161234567",
            ["To"] = "whatsapp:+15005550006", ["Body"] = "А можно узнать, где заказ 1048576?", ["NumMedia"] = "0", ["WaId"] = "79161234567",
        });
        Assert.Equal(HttpStatusCode.OK, whatsapp.StatusCode);
        var later = await AnsweredAsync(op, conversationId, inbound: 3);

        Assert.Equal(["telegram", "telegram", "whatsapp"], later.Messages.Where(m => m.Kind == MessageKind.Inbound).Select(m => m.Channel));
        var botSaid = string.Join("\n", later.Messages.Where(m => m.AuthorName == "bot").Select(m => m.Text));
        Assert.Contains("Передан в службу доставки", BotTextsAfter(later, later.Messages.Last(m => m.Kind == MessageKind.Inbound)).Last(), StringComparison.Ordinal);
        Assert.Single(botSaid.Split('\n'), t => t.Contains(BotTexts.HumanExit("ru"), StringComparison.Ordinal));
    }

    private static string TelegramMessage(int messageId, string content) =>
        $$$"""{"update_id":{{{600000000 + messageId}}},"message":{"message_id":{{{messageId}}},"from":{"id":{{{TelegramUser}}},"is_bot":false,"first_name":"Иван"},"chat":{"id":{{{TelegramUser}}},"type":"private"},"date":{{{1767225600 + messageId}}},{{{content.Trim()}}}}}""";

    /// <summary>The conversation once it holds <paramref name="inbound"/> customer messages, each with the bot's decision recorded.</summary>
    private static Task<ConversationDetails> AnsweredAsync(HttpClient op, Guid conversationId, int inbound) =>
        InboxApi.EventuallyAsync(() => op.ConversationAsync(conversationId), d =>
        {
            var messages = d.Messages.Where(m => m.Kind == MessageKind.Inbound).ToList();
            return messages.Count == inbound && messages.All(m => m.BotDecision is not null);
        });

    private static List<string> BotTextsAfter(ConversationDetails details, TimelineMessage inbound) =>
        details.Messages.SkipWhile(m => m.MessageId != inbound.MessageId).Skip(1).Where(m => m.AuthorName == "bot").Select(m => m.Text).ToList();
}
