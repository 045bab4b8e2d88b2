using Inbox.Chatbot.Local;
using Inbox.Chatbot.Tests.Infrastructure;

namespace Inbox.Chatbot.Tests;

/// <summary>
/// Issue 16: a question about the customer's own delivery, payment or notification is about the order unless something asks for
/// a code, card data, a payment, a link or an app; a request for a person and a code already given are handed off.
/// </summary>
public sealed class OrderOrScamTests
{
    [Theory]
    [InlineData("курьер опаздывает, где он?")]
    [InlineData("my courier is late")]
    [InlineData("можно подтвердить слот доставки на завтра 10-14?")]
    [InlineData("не пришло уведомление о заказе")]
    [InlineData("I didn't get the SMS about my order")]
    [InlineData("Сообщение номер 2: курьер опаздывает")]
    [InlineData("кур'єр запізнюється, де він?")]
    [InlineData("можна підтвердити слот доставки на завтра?")]
    [InlineData("не прийшло сповіщення про замовлення")]
    [InlineData("where is my driver? it's been an hour")]
    [InlineData("хочу перенести интервал доставки на вечер")]
    [InlineData("повідомлення про доставку не прийшло")]
    [InlineData("no notification about my delivery yet")]
    public async Task The_customers_own_delivery_or_notification_is_an_order_question(string text)
    {
        var prediction = await SharedClassifier.Instance.ClassifyAsync(text);

        Assert.Equal(Intents.OrderStatus, prediction.Intent);
        Assert.True(prediction.ByRule, prediction.Source);
    }

    [Theory]
    [InlineData("с меня дважды списали деньги за заказ")]
    [InlineData("charged twice for order 123")]
    [InlineData("з мене двічі зняли гроші за замовлення")]
    [InlineData("double charge on my order 1048576")]
    [InlineData("деньги за заказ списали два раза")]
    public async Task A_double_charge_goes_to_a_person_not_to_the_fraud_advice(string text)
    {
        var turn = await new Conversation(Bots.Local()).SayAsync(text);

        Assert.Equal(Intents.Human, turn.Decision.Intent);
        Assert.True(turn.HandOff);
        Assert.False(turn.Handoff!.Fraud);
        Assert.Equal(HandoffPriority.Normal, turn.Handoff.Priority);
    }

    [Theory]
    [InlineData("курьер опаздывает и просит код из смс", Intents.FraudCodeRequest)]
    [InlineData("курьер опаздывает, просит оплатить доставку по ссылке", null)]
    [InlineData("не пришло уведомление о заказе, прислали ссылку чтобы отследить", null)]
    [InlineData("my courier is late and asks for my card number", null)]
    [InlineData("my courier is late, they want me to install an app to track him", null)]
    [InlineData("позвонили, сказали что с меня дважды списали за заказ, предлагают вернуть деньги", null)]
    [InlineData("Сообщение номер 2: вы выиграли приз, перейдите по ссылке", null)]
    [InlineData("курьер опаздывает и просит скинуть деньги на телефон", null)]
    [InlineData("кур'єр запізнюється і просить поповнити йому телефон", null)]
    [InlineData("the driver is late and wants a deposit first", null)]
    public async Task With_a_code_a_card_a_payment_a_link_or_an_app_it_stays_fraud(string text, string? subIntent)
    {
        var prediction = await SharedClassifier.Instance.ClassifyAsync(text);

        Assert.Equal(Intents.Fraud, prediction.Intent);
        if (subIntent is not null)
        {
            Assert.Equal(subIntent, prediction.SubIntent);
        }
    }

    [Theory]
    [InlineData("курьер опаздывает и просит код из смс")]
    [InlineData("оплатите доставку курьеру переводом на карту")]
    [InlineData("не пришло уведомление, пришла ссылка на mvideo-pay.shop")]
    [InlineData("скачайте приложение чтобы подтвердить слот доставки")]
    [InlineData("курьер опаздывает, говорят вы выиграли приз")]
    public void A_fraud_trigger_is_recognised(string text)
    {
        Assert.True(IntentRules.HasFraudTrigger(Text.TextNormalizer.Basic(text)));
    }

    [Theory]
    [InlineData("Сообщение номер 2: где заказ?", "где заказ?")]
    [InlineData("повідомлення №3. де замовлення", "де замовлення")]
    [InlineData("Message 2 - my courier is late", "my courier is late")]
    [InlineData("номер заказа 1048576", "номер заказа 1048576")]
    public void A_leading_message_number_is_dropped(string text, string expected)
    {
        Assert.Equal(expected, IntentRules.WithoutMessageNumber(text));
    }

    [Theory]
    [InlineData("I want to talk to an operator")]
    [InlineData("can I speak to a human")]
    [InlineData("хочу поговорить с оператором")]
    [InlineData("позовите человека")]
    [InlineData("з'єднайте з оператором")]
    public async Task A_request_for_a_person_hands_off(string text)
    {
        var turn = await new Conversation(Bots.Local()).SayAsync(text);

        Assert.Equal(Intents.Human, turn.Decision.Intent);
        Assert.True(turn.HandOff);
        Assert.False(turn.Handoff!.PossibleVictim);
    }

    [Theory]
    [InlineData("я его продиктовала")]
    [InlineData("я продиктовал код")]
    [InlineData("уже назвала код")]
    [InlineData("I already gave them the code")]
    [InlineData("я сказала им цифры из смс")]
    [InlineData("я вже його продиктувала")]
    public async Task A_code_already_given_hands_off_an_urgent_victim(string text)
    {
        var turn = await new Conversation(Bots.Local()).SayAsync(text);

        Assert.Equal(Intents.Fraud, turn.Decision.Intent);
        Assert.Equal(Intents.FraudAlreadyVictim, turn.Decision.SubIntent);
        Assert.True(turn.HandOff);
        Assert.True(turn.Handoff!.PossibleVictim);
        Assert.Equal(HandoffPriority.Urgent, turn.Handoff.Priority);
    }

    [Fact]
    public async Task A_code_not_given_is_no_victim()
    {
        var prediction = await SharedClassifier.Instance.ClassifyAsync("не продиктовала его, сразу положила трубку");

        Assert.NotEqual(Intents.FraudAlreadyVictim, prediction.SubIntent);
    }

    [Fact]
    public async Task A_victim_who_writes_in_pieces_is_handed_off_on_the_last_piece_only()
    {
        var conversation = new Conversation(Bots.Local());

        var pieces = new[] { "мне позвонили", "сказали что курьер", "попросили код из смс" };
        foreach (var piece in pieces)
        {
            Assert.False((await conversation.SayAsync(piece)).HandOff, piece);
        }

        var last = await conversation.SayAsync("я его продиктовала");
        Assert.True(last.HandOff);
        Assert.Equal(HandoffPriority.Urgent, last.Handoff!.Priority);
        Assert.True(last.Handoff.PossibleVictim);
    }
}
