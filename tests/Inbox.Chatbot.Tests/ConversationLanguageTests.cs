using System.Text.RegularExpressions;
using Inbox.Chatbot.Local;
using Inbox.Chatbot.Tests.Infrastructure;
using Inbox.Orders;

namespace Inbox.Chatbot.Tests;

/// <summary>Whole conversations through the Local engine, memory stored as JSON between turns: every reply in the language of the customer's last message.</summary>
public sealed partial class ConversationLanguageTests
{
    [Fact]
    public async Task A_switch_of_language_mid_conversation_switches_every_reply_and_no_signal_keeps_it()
    {
        var conversation = new Conversation(Bots.Local(), queuePlaces: new QueuePlaces(Normal: 2, High: 1, Urgent: 1));

        var russian = await conversation.SayAsync("Здравствуйте, где мой заказ?");
        var english = await conversation.SayAsync("Sorry, I'd rather write in English. My order is 1048576");
        var ok = await conversation.SayAsync("ok");
        var shared = await conversation.SayAsync("[shared own phone number: +447700900123]");
        var ukrainian = await conversation.SayAsync("Дякую! А де моє замовлення 1234А?");
        var person = await conversation.SayAsync("оператор");

        Assert.Equal("ru", russian.Decision.Language);
        Assert.Contains(BotTexts.AskOrderNumber("ru"), russian.All(), StringComparison.Ordinal);
        Assert.Equal("en", english.Decision.Language);
        Assert.StartsWith("Order 1048576: status \"Handed over for delivery\".", english.Replies[0], StringComparison.Ordinal);
        // The way out to a person was said in the first answer; a hint is said once per conversation, whatever the language.
        Assert.Contains(BotTexts.HumanExit("ru"), russian.All(), StringComparison.Ordinal);
        Assert.DoesNotContain("type \"operator\"", english.All(), StringComparison.Ordinal);
        foreach (var turn in new[] { ok, shared })
        {
            Assert.Equal("en", turn.Decision.Language);
            Assert.Equal("en", turn.Memory.Language);
            Assert.DoesNotMatch(Cyrillic(), turn.All());
        }

        Assert.Equal("uk", ukrainian.Decision.Language);
        Assert.StartsWith("Замовлення 1234А: статус «Комплектується».", ukrainian.Replies[0], StringComparison.Ordinal);
        Assert.True(person.HandOff);
        Assert.Equal("Передаю розмову оператору — вам відповість людина в цьому ж чаті. Ваше місце в черзі: 2.", person.Replies[^1]);
    }

    [Fact]
    public async Task The_quiz_and_its_hints_follow_the_customer_into_english()
    {
        var conversation = new Conversation(Bots.Local());

        var start = await conversation.SayAsync("давай тест");
        var unclear = await conversation.SayAsync("hmm, not sure");
        var answer = await conversation.SayAsync("2");

        Assert.Contains("Ситуация 1 из 5", start.All(), StringComparison.Ordinal);
        Assert.Equal("en", unclear.Decision.Language);
        Assert.Contains(FraudQuiz.Hint("en"), unclear.All(), StringComparison.Ordinal);
        Assert.Contains("Situation 1 of 5", unclear.All(), StringComparison.Ordinal);
        Assert.StartsWith("Correct!", answer.Replies[0], StringComparison.Ordinal);
        Assert.Contains("Situation 2 of 5", answer.All(), StringComparison.Ordinal);
        Assert.DoesNotMatch(Cyrillic(), answer.All());
    }

    [Fact]
    public async Task An_english_customer_whose_order_system_is_down_is_told_so_in_english()
    {
        var turn = await new Conversation(Bots.Local(new FailingOrders())).SayAsync("Where is my order 1048576?");

        Assert.True(turn.HandOff);
        Assert.Equal([BotTexts.OrderSystemUnavailable("en"), BotTexts.Handoff("en", null)], turn.Replies);
    }

    [Theory]
    [InlineData("en", "Where is my order MV-2231187?", "Order MV-2231187: status \"Ready for pickup\".")]
    [InlineData("uk", "Де моє замовлення MV-2231187?", "Замовлення MV-2231187: статус «Готове до видачі».")]
    [InlineData("ru", "Где мой заказ MV-2231187?", "Заказ MV-2231187: статус «Готов к выдаче».")]
    public async Task The_russian_order_systems_status_is_named_in_the_customers_language(string language, string text, string expected)
    {
        var turn = await new Conversation(Bots.Local(), Bots.Ivan).SayAsync(text);

        Assert.Equal(language, turn.Decision.Language);
        Assert.StartsWith(expected, turn.Replies[0], StringComparison.Ordinal);
        Assert.Equal("Готов к выдаче", turn.Memory.LastOrderStatus); // the operator's card keeps the order system's own name
    }

    [Fact]
    public async Task A_status_without_a_translation_is_said_as_the_order_system_names_it()
    {
        var orders = FileOrderProvider.FromJson("""
            { "statuses": [ { "code": "on-the-way-to-you", "name": "Едет к вам" } ],
              "orders": [ { "number": "A-1001", "status": "on-the-way-to-you" } ] }
            """);
        var configured = new OrdersOptions();
        configured.StatusNames["on-the-way-to-you"] = new() { ["uk"] = "Їде до вас" };

        var english = await new Conversation(Bots.Local(orders)).SayAsync("Where is my order A-1001?");
        var ukrainian = await new Conversation(Bots.Local(orders, statusNames: OrderStatusNames.FromOptions(configured))).SayAsync("Де замовлення A-1001?");
        var englishWithTable = await new Conversation(Bots.Local(orders, statusNames: OrderStatusNames.FromOptions(configured))).SayAsync("Where is order A-1001?");

        Assert.StartsWith("Order A-1001: status \"Едет к вам\".", english.Replies[0], StringComparison.Ordinal);
        Assert.StartsWith("Замовлення A-1001: статус «Їде до вас».", ukrainian.Replies[0], StringComparison.Ordinal);
        Assert.StartsWith("Order A-1001: status \"Едет к вам\".", englishWithTable.Replies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_english_order_system_says_its_own_names_to_english_customers_and_the_table_to_others()
    {
        var orders = FileOrderProvider.FromJson("""
            { "statuses": [ { "code": "send-to-delivery", "name": "Shipped to you" } ],
              "orders": [ { "number": "B-2002", "status": "send-to-delivery" } ] }
            """);
        var names = OrderStatusNames.FromOptions(new OrdersOptions { Language = "en" });

        var english = await new Conversation(Bots.Local(orders, statusNames: names)).SayAsync("Where is my order B-2002?");
        var russian = await new Conversation(Bots.Local(orders, statusNames: names)).SayAsync("Где мой заказ B-2002?");

        Assert.StartsWith("Order B-2002: status \"Shipped to you\".", english.Replies[0], StringComparison.Ordinal);
        Assert.StartsWith("Заказ B-2002: статус «Передан в доставку».", russian.Replies[0], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\p{IsCyrillic}")]
    private static partial Regex Cyrillic();
}
