using System.Text.Json;
using Inbox.Chatbot.Local;
using Inbox.Chatbot.Tests.Infrastructure;

namespace Inbox.Chatbot.Tests;

/// <summary>What the customer reads over several turns: each hint once, a shared contact thanked and the earlier question answered.</summary>
public sealed class DialogueTests
{
    private const string IvansPhone = "+79161234567";

    [Fact]
    public async Task The_way_out_to_a_person_is_said_once_over_turns_on_two_channels_and_still_works()
    {
        var conversation = new Conversation(Bots.Local());
        var turns = new List<BotTurn> { await conversation.SayAsync("привет") };
        conversation.Channel = "whatsapp";
        turns.Add(await conversation.SayAsync("где мой заказ?"));
        conversation.Channel = "telegram";
        turns.Add(await conversation.SayAsync("999999"));
        conversation.Channel = "whatsapp";
        turns.Add(await conversation.SayAsync("спасибо"));

        var everything = string.Join("\n", turns.Select(t => t.All()));
        Assert.Equal(1, Occurrences(everything, BotTexts.HumanExit("ru")));
        Assert.Contains(BotTexts.HumanExit("ru"), turns[0].All(), StringComparison.Ordinal);

        var person = await conversation.SayAsync("оператор");
        Assert.True(person.HandOff);
    }

    [Fact]
    public async Task The_first_answer_always_names_the_way_out()
    {
        var turn = await new Conversation(Bots.Local(), Bots.Ivan).SayAsync("где мой заказ 1048576?");

        Assert.Contains(BotTexts.HumanExit("ru"), turn.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fraud_advice_twice_offers_the_quiz_and_the_other_hints_once()
    {
        var conversation = new Conversation(Bots.Local());
        var first = await conversation.SayAsync("Позвонили из магазина и просят назвать код из смс");
        var second = await conversation.SayAsync("А теперь пишут, что нужно перевести деньги на безопасный счёт");

        Assert.Equal(Intents.Fraud, second.Decision.Intent);
        var both = first.All() + "\n" + second.All();
        Assert.Equal(1, Occurrences(both, BotTexts.QuizOffer("ru")));
        Assert.Equal(1, Occurrences(both, BotTexts.HumanExit("ru")));
        Assert.Equal(1, Occurrences(both, BotTexts.AlreadySharedSomething("ru")));
        Assert.True(first.Memory.QuizOffered);
        Assert.False(second.Memory.QuizOffered); // the second answer did not offer it: a plain "yes" is not taken as yes to the quiz
    }

    [Fact]
    public async Task After_a_handoff_the_conversation_back_with_the_bot_hears_the_way_out_again()
    {
        var conversation = new Conversation(Bots.Local());
        await conversation.SayAsync("привет");
        var handoff = await conversation.SayAsync("позовите оператора");
        var back = await conversation.SayAsync("привет");

        Assert.True(handoff.HandOff);
        Assert.Contains(BotTexts.HumanExit("ru"), back.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shared_contact_is_thanked_and_the_earlier_order_question_answered_with_the_new_phone()
    {
        var conversation = new Conversation(Bots.Local());
        var asked = await conversation.SayAsync("где мой заказ?");
        var shared = await conversation.ShareOwnContactAsync(IvansPhone);

        Assert.Contains("номер заказа", asked.All(), StringComparison.Ordinal);
        Assert.False(shared.HandOff);
        Assert.Equal("Спасибо, номер сохранили.", shared.Replies[0]);
        Assert.Contains("Заказ 1048576: статус «Передан в службу доставки»", shared.All(), StringComparison.Ordinal);
        Assert.Contains("Адрес доставки: Москва, ул. Тверская", shared.All(), StringComparison.Ordinal); // the phone is verified: it is theirs
        Assert.DoesNotContain(BotTexts.OutOfScope("ru"), shared.All(), StringComparison.Ordinal);
        Assert.Equal(Intents.OrderStatus, shared.Decision.Intent);
        Assert.Equal(0, shared.Memory.FailedAttempts);
    }

    [Fact]
    public async Task A_shared_contact_with_no_earlier_question_is_only_thanked()
    {
        var conversation = new Conversation(Bots.Local());
        await conversation.SayAsync("привет");
        var shared = await conversation.ShareOwnContactAsync(IvansPhone);

        Assert.Equal(["Спасибо, номер сохранили."], shared.Replies);
        Assert.False(shared.HandOff);
        Assert.Equal(0, shared.Memory.FailedAttempts);
    }

    [Theory]
    [InlineData("де моє замовлення?", "Дякуємо, номер збережено.")]
    [InlineData("where is my order?", "Thanks, we've saved your number.")]
    public async Task A_shared_contact_is_thanked_in_the_conversation_s_language(string question, string thanks)
    {
        var conversation = new Conversation(Bots.Local());
        await conversation.SayAsync(question);
        var shared = await conversation.ShareOwnContactAsync("+79990000000");

        Assert.Equal(thanks, shared.Replies[0]);
        Assert.False(shared.HandOff);
    }

    [Fact]
    public async Task A_contact_shared_first_is_thanked_and_names_the_way_out()
    {
        var shared = await new Conversation(Bots.Local()).ShareOwnContactAsync(IvansPhone);

        Assert.Equal(["Спасибо, номер сохранили. " + BotTexts.HumanExit("ru")], shared.Replies);
    }

    [Fact]
    public void Memory_stored_before_hints_were_remembered_still_reads()
    {
        var memory = JsonSerializer.Deserialize<BotMemory>("""{"Language":"uk","FailedAttempts":1,"QuizOffered":true}""")!;

        Assert.Equal("uk", memory.Language);
        Assert.Null(memory.HintsSaid);
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
