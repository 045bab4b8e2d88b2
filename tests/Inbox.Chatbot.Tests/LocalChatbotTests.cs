using System.Text.Json;
using Inbox.Chatbot.Local;
using Inbox.Chatbot.Safety;
using Inbox.Chatbot.Tests.Infrastructure;

namespace Inbox.Chatbot.Tests;

public sealed class LocalChatbotTests
{
    private static readonly IReadOnlyList<string> Stranger = ["phone:+79990000000", "email:someone@example.com"];

    [Theory]
    [InlineData("где мой заказ 999999?")]
    [InlineData("статус заказа № 4242А")]
    [InlineData("where is my order 31337001")]
    [InlineData("де замовлення 8888888?")]
    [InlineData("где мой заказ?")]
    public async Task Never_states_a_status_when_no_order_is_found(string text)
    {
        var statusNames = await Bots.DemoOrders.GetStatusNamesAsync(CancellationToken.None);
        var turn = await new Conversation(Bots.Local()).SayAsync(text);

        Assert.Equal(Intents.OrderStatus, turn.Decision.Intent);
        Assert.False(turn.HandOff);
        Assert.Empty(ReplyGuard.UngroundedStatusWords(turn.All(), string.Empty, statusNames));
        Assert.DoesNotContain("статус «", turn.All(), StringComparison.Ordinal);
        Assert.DoesNotContain("status \"", turn.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_comes_from_the_order_system_only()
    {
        var turn = await new Conversation(Bots.Local(), Bots.Ivan).SayAsync("где мой заказ 1048576?");

        Assert.Equal(
            "Заказ 1048576: статус «Передан в службу доставки». Доставка: 03.12.2026, 10:00–14:00. Трек-номер: RA123456789RU. " +
            "Адрес доставки: Москва, ул. Тверская, д. 7, кв. 12. Состав: Холодильник Haier C2F636CWRG × 1.",
            turn.Replies[0]);
        Assert.Equal(["order_status"], turn.Labels);
        Assert.Equal("1048576", turn.Memory.LastOrderNumber);
        Assert.Equal("Передан в службу доставки", turn.Memory.LastOrderStatus);
    }

    [Fact]
    public async Task Personal_details_only_to_a_matching_identity()
    {
        var owner = await new Conversation(Bots.Local(), ["phone:+79161234567"]).SayAsync("заказ 1048576");
        var ownerByEmail = await new Conversation(Bots.Local(), ["email:IVAN@example.com"]).SayAsync("заказ 1048576");
        var stranger = await new Conversation(Bots.Local(), Stranger).SayAsync("заказ 1048576");
        var anonymous = await new Conversation(Bots.Local()).SayAsync("заказ 1048576");

        Assert.Contains("Тверская", owner.All(), StringComparison.Ordinal);
        Assert.Contains("Холодильник", owner.All(), StringComparison.Ordinal);
        Assert.Contains("Тверская", ownerByEmail.All(), StringComparison.Ordinal);
        foreach (var turn in new[] { stranger, anonymous })
        {
            Assert.Contains("«Передан в службу доставки»", turn.All(), StringComparison.Ordinal);
            Assert.DoesNotContain("Тверская", turn.All(), StringComparison.Ordinal);
            Assert.DoesNotContain("Холодильник", turn.All(), StringComparison.Ordinal);
            Assert.Contains(BotTexts.DetailsOnlyForOwner("ru"), turn.Replies);
        }
    }

    [Fact]
    public async Task Without_a_number_reports_the_active_orders_of_the_verified_customer()
    {
        var turn = await new Conversation(Bots.Local(), Bots.Ivan).SayAsync("где мой заказ?");

        Assert.Contains("Заказ 1048576: статус «Передан в службу доставки»", turn.All(), StringComparison.Ordinal);
        Assert.Contains("Заказ MV-2231187: статус «Готов к выдаче»", turn.All(), StringComparison.Ordinal);
        Assert.Contains("Пункт выдачи: Москва, ул. Земляной Вал, 33", turn.All(), StringComparison.Ordinal);
        Assert.DoesNotContain("55501", turn.All(), StringComparison.Ordinal); // completed, not active
        Assert.DoesNotContain("1234А", turn.All(), StringComparison.Ordinal); // someone else's
    }

    [Fact]
    public async Task Finds_a_number_with_a_cyrillic_letter_typed_in_latin()
    {
        var turn = await new Conversation(Bots.Local()).SayAsync("статус заказа № 1234a");

        Assert.Contains("«Комплектуется»", turn.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asks_for_the_number_twice_then_hands_off()
    {
        var conversation = new Conversation(Bots.Local(), queuePlaces: new QueuePlaces(Normal: 4, High: 2, Urgent: 1));

        var first = await conversation.SayAsync("где мой заказ?");
        var second = await conversation.SayAsync("999999");
        var third = await conversation.SayAsync("888888");

        Assert.False(first.HandOff);
        Assert.Contains("номер заказа", first.All(), StringComparison.Ordinal);
        Assert.False(second.HandOff);
        Assert.Contains("Не нашёл заказ 999999", second.All(), StringComparison.Ordinal);
        Assert.Contains("номер заказа", second.All(), StringComparison.Ordinal);
        Assert.True(third.HandOff);
        Assert.NotNull(third.Handoff);
        Assert.Equal(Intents.OrderStatus, third.Handoff!.Intent);
        Assert.Equal(HandoffPriority.Normal, third.Handoff.Priority);
        Assert.False(third.Handoff.Fraud);
        Assert.Contains("Ваше место в очереди: 4.", third.All(), StringComparison.Ordinal);
        Assert.DoesNotContain("номер заказа", third.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_found_order_resets_the_attempts()
    {
        var conversation = new Conversation(Bots.Local());

        await conversation.SayAsync("где мой заказ?");
        await conversation.SayAsync("999999");
        var found = await conversation.SayAsync("ой, 1048576");
        var followUp = await conversation.SayAsync("а когда привезут?");

        Assert.False(found.HandOff);
        Assert.Equal(0, found.Memory.FailedAttempts);
        Assert.False(followUp.HandOff);
        Assert.Contains("Доставка: 03.12.2026, 10:00–14:00", followUp.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unclear_messages_twice_then_hands_off()
    {
        var conversation = new Conversation(Bots.Local());

        var first = await conversation.SayAsync("хочу вернуть телевизор, он не подошел");
        var second = await conversation.SayAsync("какие часы работы магазина");
        var third = await conversation.SayAsync("есть ли в наличии айфон 15");

        Assert.False(first.HandOff);
        Assert.Contains("оператор", first.All(), StringComparison.Ordinal);
        Assert.False(second.HandOff);
        Assert.True(third.HandOff);
    }

    [Theory]
    [InlineData("Я продиктовал код из смс, что теперь делать?", "ru", "102")]
    [InlineData("После звонка курьера с карты списали деньги", "ru", "102")]
    [InlineData("я назвала код і тепер з картки списали гроші", "uk", "102")]
    [InlineData("I gave them the code and now money is gone from my card", "en", "102")]
    [InlineData("пропали все бонусы после звонка из магазина", "ru", "102")]
    public async Task Possible_victim_is_handed_off_at_once_with_urgent_priority(string text, string language, string police)
    {
        var turn = await new Conversation(Bots.Local(), queuePlaces: new QueuePlaces(Normal: 12, High: 10, Urgent: 7)).SayAsync(text);

        Assert.True(turn.HandOff);
        Assert.NotNull(turn.Handoff);
        Assert.Equal(HandoffPriority.Urgent, turn.Handoff!.Priority);
        Assert.True(turn.Handoff.PossibleVictim);
        Assert.True(turn.Handoff.Fraud);
        Assert.Equal(Intents.Fraud, turn.Decision.Intent);
        Assert.Equal(Intents.FraudAlreadyVictim, turn.Decision.SubIntent);
        Assert.Equal(language, turn.Decision.Language);
        Assert.Contains("fraud", turn.Labels);
        Assert.Contains(police, turn.All(), StringComparison.Ordinal);
        Assert.Contains("7", turn.Replies[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_victim_inside_the_quiz_is_still_handed_off_at_once()
    {
        var conversation = new Conversation(Bots.Local());
        await conversation.SayAsync("давай тест");

        var turn = await conversation.SayAsync("подождите, я только что продиктовала код курьеру");

        Assert.True(turn.HandOff);
        Assert.Equal(HandoffPriority.Urgent, turn.Handoff!.Priority);
        Assert.Null(turn.Memory.QuizStep);
    }

    [Fact]
    public async Task Scam_story_that_mentions_an_order_reads_as_fraud_and_states_no_status()
    {
        var turn = await new Conversation(Bots.Local(), Bots.Ivan).SayAsync("Звонил курьер по заказу 1048576, говорит надо назвать код из смс");

        Assert.Equal(Intents.Fraud, turn.Decision.Intent);
        Assert.Contains("fraud", turn.Labels);
        Assert.False(turn.HandOff);
        Assert.DoesNotContain("Передан в службу доставки", turn.All(), StringComparison.Ordinal);
        Assert.True(turn.Memory.QuizOffered);
        Assert.Contains("тест", turn.All(), StringComparison.Ordinal);
        Assert.Contains("оператор", turn.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_for_a_person_hands_off_with_the_queue_position()
    {
        var turn = await new Conversation(Bots.Local(), queuePlaces: new QueuePlaces(Normal: 3, High: 2, Urgent: 1)).SayAsync("позовите оператора");

        Assert.True(turn.HandOff);
        Assert.Equal(Intents.Human, turn.Decision.Intent);
        Assert.Equal(Intents.Human, turn.Handoff!.Intent);
        Assert.Equal("Передаю разговор оператору — вам ответит человек в этом же чате. Ваше место в очереди: 3.", turn.Replies[^1]);
    }

    [Fact]
    public async Task Handoff_card_carries_the_order_and_the_fraud_flag()
    {
        var orders = new Conversation(Bots.Local(), Bots.Ivan);
        await orders.SayAsync("где заказ 1048576");
        var afterOrder = await orders.SayAsync("оператор");

        var fraud = new Conversation(Bots.Local());
        await fraud.SayAsync("Мне звонят из службы безопасности магазина");
        var afterFraud = await fraud.SayAsync("соедините с человеком");

        Assert.Equal("1048576", afterOrder.Handoff!.OrderNumber);
        Assert.Equal("Передан в службу доставки", afterOrder.Handoff.OrderStatus);
        Assert.Equal(Intents.OrderStatus, afterOrder.Handoff.Intent);
        Assert.False(afterOrder.Handoff.Fraud);
        Assert.DoesNotContain('\n', afterOrder.Handoff.Summary);
        Assert.True(afterFraud.Handoff!.Fraud);
        Assert.Equal(HandoffPriority.High, afterFraud.Handoff.Priority);
        Assert.False(afterFraud.Handoff.PossibleVictim);
    }

    [Fact]
    public async Task Quiz_runs_five_situations_and_ends_with_a_score_and_the_lesson()
    {
        var conversation = new Conversation(Bots.Local());

        var start = await conversation.SayAsync("давай тест магазин или мошенник");
        Assert.Equal(0, start.Memory.QuizStep);
        Assert.Contains("Ситуация 1 из 5", start.All(), StringComparison.Ordinal);
        Assert.Equal(Intents.Other, start.Decision.Intent);
        Assert.Equal(Intents.Quiz, start.Decision.SubIntent);

        BotTurn turn = start;
        for (var i = 0; i < FraudQuiz.Situations.Count; i++)
        {
            var right = FraudQuiz.Situations[i].IsScam ? "2" : "1";
            var wrong = FraudQuiz.Situations[i].IsScam ? "магазин" : "мошенник";
            turn = await conversation.SayAsync(i == 1 ? wrong : right);
            Assert.StartsWith(i == 1 ? "Не совсем." : "Верно!", turn.Replies[0], StringComparison.Ordinal);
        }

        Assert.Contains("Ваш результат: 4 из 5.", turn.All(), StringComparison.Ordinal);
        Assert.Contains(FraudQuiz.Lesson("ru"), turn.All(), StringComparison.Ordinal);
        Assert.Null(turn.Memory.QuizStep);
    }

    [Fact]
    public async Task Quiz_is_offered_after_fraud_advice_and_a_yes_starts_it()
    {
        var conversation = new Conversation(Bots.Local());
        var advice = await conversation.SayAsync("Написали, что я выиграл телевизор в вашем розыгрыше");
        var yes = await conversation.SayAsync("да");

        Assert.Equal(Intents.FraudFakePrizePromo, advice.Decision.SubIntent);
        Assert.Equal(0, yes.Memory.QuizStep);
        Assert.Contains("Ситуация 1 из 5", yes.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quiz_repeats_the_question_on_an_unclear_answer_and_stops_on_request()
    {
        var conversation = new Conversation(Bots.Local());
        await conversation.SayAsync("quiz");

        var unclear = await conversation.SayAsync("hmm not sure");
        var stopped = await conversation.SayAsync("stop");

        Assert.Equal(0, unclear.Memory.QuizStep);
        Assert.Contains("Situation 1 of 5", unclear.All(), StringComparison.Ordinal);
        Assert.Null(stopped.Memory.QuizStep);
        Assert.Contains(FraudQuiz.Lesson("en"), stopped.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_system_failure_hands_off_without_a_status()
    {
        var turn = await new Conversation(Bots.Local(new FailingOrders())).SayAsync("где заказ 1048576");

        Assert.True(turn.HandOff);
        Assert.Contains(BotTexts.OrderSystemUnavailable("ru"), turn.Replies);
        Assert.DoesNotContain("статус «", turn.All(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Звонили якобы из вашего магазина, просят продиктовать код из смс")]
    [InlineData("Просят номер карты и три цифры сзади для брони")]
    [InlineData("где мой заказ?")]
    [InlineData("привет")]
    [InlineData("давай тест")]
    [InlineData("Я продиктовал код, что теперь делать?")]
    [InlineData("they ask for my card number and cvv")]
    public async Task Never_asks_for_codes_or_card_data_and_always_leaves_a_way_to_a_person(string text)
    {
        var turn = await new Conversation(Bots.Local()).SayAsync(text);

        Assert.All(turn.Replies, r => Assert.False(ReplyGuard.AsksForSecrets(r), r));
        var quizQuestion = turn.Memory.QuizStep is not null;
        var mentionsPerson = turn.All().Contains("оператор", StringComparison.Ordinal) || turn.All().Contains("operator", StringComparison.Ordinal);
        Assert.True(turn.HandOff || quizQuestion || mentionsPerson, turn.All());
    }

    [Fact]
    public void Memory_round_trips_through_system_text_json()
    {
        var memory = new BotMemory("uk", 2, "1234А", "Комплектуется", true, 3, 2, true, "fraud", "fraud_code_request", true);

        var plain = JsonSerializer.Deserialize<BotMemory>(JsonSerializer.Serialize(memory));
        var web = JsonSerializer.Deserialize<BotMemory>(JsonSerializer.Serialize(memory, JsonSerializerOptions.Web), JsonSerializerOptions.Web);

        Assert.Equal(memory, plain);
        Assert.Equal(memory, web);
        Assert.Equal(BotMemory.Empty, JsonSerializer.Deserialize<BotMemory>("{}"));
    }
}
