using Inbox.Chatbot.Local;
using Inbox.Chatbot.Safety;

namespace Inbox.Chatbot.Tests;

public sealed class ReplyGuardTests
{
    [Theory]
    [InlineData("Назовите, пожалуйста, код из SMS.")]
    [InlineData("Продиктуйте код подтверждения, и я проверю заказ.")]
    [InlineData("Для возврата укажите номер вашей карты и CVV.")]
    [InlineData("Какой код вам пришёл?")]
    [InlineData("Please send me the code you received.")]
    [InlineData("To verify, I need your card number.")]
    [InlineData("Don't worry, just tell me the password.")]
    [InlineData("Назвіть, будь ласка, код з SMS.")]
    [InlineData("Введите данные карты на странице.")]
    public void Flags_requests_for_secrets(string reply)
    {
        Assert.True(ReplyGuard.AsksForSecrets(reply));
    }

    [Theory]
    [InlineData("Никому не сообщайте коды из SMS.")]
    [InlineData("Не называйте данные карты.")]
    [InlineData("Never share SMS or push codes with anyone.")]
    [InlineData("Don't give out your card details.")]
    [InlineData("Пришлите, пожалуйста, номер заказа.")]
    [InlineData("Заказ 1048576: статус «Передан в службу доставки».")]
    [InlineData("A courier asks you to read out the SMS code. Shop or scammer?")]
    public void Allows_warnings_and_order_numbers(string reply)
    {
        Assert.False(ReplyGuard.AsksForSecrets(reply));
    }

    [Fact]
    public void None_of_the_bot_texts_asks_for_a_secret()
    {
        var texts = new List<string>();
        foreach (var language in new[] { "ru", "uk", "en" })
        {
            texts.AddRange(Intents.FraudSubIntents.Select(s => FraudAdvice.For(s, language)));
            texts.AddRange(Enumerable.Range(0, FraudQuiz.Situations.Count).Select(i => FraudQuiz.Question(i, language)));
            texts.AddRange(Enumerable.Range(0, FraudQuiz.Situations.Count).Select(i => FraudQuiz.Feedback(i, true, language)));
            texts.Add(FraudQuiz.Result(3, language));
            texts.Add(BotTexts.NeverAsk(language));
            texts.Add(BotTexts.AskOrderNumber(language));
            texts.Add(BotTexts.AskOrderNumberAgain(language));
            texts.Add(BotTexts.Greeting(language, null));
            texts.Add(BotTexts.QuizOffer(language));
        }

        Assert.All(texts, t => Assert.False(ReplyGuard.AsksForSecrets(t), t));
    }

    [Fact]
    public void Status_words_must_be_grounded()
    {
        var names = new[] { "Передан в службу доставки", "Готов к выдаче" };

        Assert.Empty(ReplyGuard.UngroundedStatusWords("Заказ 1: статус «Передан в службу доставки».", "Передан в службу доставки", names));
        Assert.Equal(["доставлен"], ReplyGuard.UngroundedStatusWords("Ваш заказ доставлен.", "Передан в службу доставки", names));
        Assert.Contains("готов к выдаче", ReplyGuard.UngroundedStatusWords("Статус: Готов к выдаче", string.Empty, names));
        Assert.Contains("in transit", ReplyGuard.UngroundedStatusWords("Your order is in transit.", string.Empty, names));
    }
}
