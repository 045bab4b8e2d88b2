using Inbox.Chatbot.Fraud;
using Inbox.Chatbot.Local;
using Inbox.Chatbot.Tests.Infrastructure;
using Inbox.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inbox.Chatbot.Tests;

/// <summary>A victim is told the numbers of the country of their verified phone, else of the shop's default region.</summary>
public sealed class FraudRegionTests
{
    private const string EnglishVictim = "I gave them the code and now money is gone from my card";

    [Fact]
    public async Task A_uk_number_writing_english_gets_the_uk_numbers_and_nothing_russian()
    {
        var turn = await new Conversation(Bots.Local(), ["phone:+447400123456"]).SayAsync(EnglishVictim);

        Assert.True(turn.HandOff);
        Assert.Equal("en", turn.Decision.Language);
        var advice = turn.Replies[0];
        Assert.Contains("report it to the police — 101", advice, StringComparison.Ordinal);
        Assert.Contains("report the fraud to Action Fraud: 0300 123 2040", advice, StringComparison.Ordinal);
        Assert.Contains("on the back of your card (or on 159", advice, StringComparison.Ordinal);
        Assert.DoesNotContain("Gosuslugi", advice, StringComparison.Ordinal);
        Assert.DoesNotContain("102", advice, StringComparison.Ordinal);
        Assert.DoesNotContain("8-800", advice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_russian_number_writing_english_gets_the_russian_numbers_in_english()
    {
        var turn = await new Conversation(Bots.Local(), ["phone:+79161234567", "email:ivan@example.com"]).SayAsync(EnglishVictim);

        var advice = turn.Replies[0];
        Assert.StartsWith("Act now: 1) call your bank on the number on the back of your card and block the card;", advice, StringComparison.Ordinal);
        Assert.Contains("check the active sessions in your Gosuslugi account (Profile → Security), hotline 8-800-100-70-10", advice, StringComparison.Ordinal);
        Assert.Contains("report it to the police — 102", advice, StringComparison.Ordinal);
        Assert.DoesNotContain("Action Fraud", advice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("phone:+380441234567", "я назвала код і тепер з картки списали гроші", "зверніться до поліції — 102", "ticket.cyberpolice.gov.ua")]
    [InlineData("phone:+77012345678", "Я продиктовал код из смс, что теперь делать?", "обратитесь в полицию — 102", "почте и других личных кабинетах")]
    public async Task Ukraine_and_kazakhstan_get_their_own_contacts(string phone, string text, string police, string other)
    {
        var turn = await new Conversation(Bots.Local(), [phone]).SayAsync(text);

        Assert.Contains(police, turn.Replies[0], StringComparison.Ordinal);
        Assert.Contains(other, turn.Replies[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Госуслуг", turn.Replies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_region_nobody_configured_gets_advice_without_any_countrys_numbers()
    {
        var turn = await new Conversation(Bots.Local(), ["phone:+16502530000"]).SayAsync(EnglishVictim);

        Assert.Equal(
            "Act now: 1) call your bank on the number on the back of your card and block the card; 2) change your bank, email and account passwords; " +
            "3) check the active sessions in your email and other online accounts; 4) report it to the police.",
            turn.Replies[0]);
        Assert.True(turn.HandOff);
    }

    [Fact]
    public async Task Without_a_verified_phone_the_shops_default_region_applies()
    {
        var british = await new Conversation(Bots.Local(phones: new PhoneNumberNormalizer("GB")), ["email:someone@example.com"]).SayAsync(EnglishVictim);
        var russian = await new Conversation(Bots.Local()).SayAsync(EnglishVictim);

        Assert.Contains("0300 123 2040", british.Replies[0], StringComparison.Ordinal);
        Assert.DoesNotContain("102", british.Replies[0], StringComparison.Ordinal);
        Assert.Contains("report it to the police — 102", russian.Replies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_adds_a_country_and_changes_a_shipped_one_value_by_value()
    {
        await using var services = Build(new()
        {
            ["Chatbot:FraudContacts:DE:Police"] = "110",
            ["Chatbot:FraudContacts:RU:Police"] = "112",
            ["Chatbot:FraudContacts:GB:BankLine"] = "",
        });
        var bot = services.GetRequiredService<IChatbot>();

        var german = await new Conversation(bot, ["phone:+4915123456789"]).SayAsync(EnglishVictim);
        var russian = await new Conversation(bot, ["phone:+79161234567"]).SayAsync(EnglishVictim);
        var british = await new Conversation(bot, ["phone:+447400123456"]).SayAsync(EnglishVictim);

        Assert.Contains("report it to the police — 110", german.Replies[0], StringComparison.Ordinal);
        Assert.Contains("report it to the police — 112", russian.Replies[0], StringComparison.Ordinal);
        Assert.Contains("hotline 8-800-100-70-10", russian.Replies[0], StringComparison.Ordinal);
        Assert.DoesNotContain("159", british.Replies[0], StringComparison.Ordinal);
        Assert.Contains("0300 123 2040", british.Replies[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Chatbot:FraudContacts:XQ:Police", "1", "Chatbot:FraudContacts:XQ")]
    [InlineData("Chatbot:FraudContacts:GB:FraudLine:Name:ua", "Action Fraud", "Chatbot:FraudContacts:GB:FraudLine:Name:ua")]
    public async Task A_wrong_fraud_contact_stops_the_start_naming_the_key(string key, string value, string named)
    {
        await using var services = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_victim_advice_leaves_no_placeholder_and_asks_for_nothing()
    {
        var shipped = FraudContactsOptions.Shipped();
        foreach (var language in new[] { "ru", "uk", "en" })
        {
            foreach (var contacts in shipped.Regions.Values.Append(null))
            {
                var advice = FraudAdvice.For(Intents.FraudAlreadyVictim, language, contacts);
                Assert.DoesNotContain("{", advice, StringComparison.Ordinal);
                Assert.False(Safety.ReplyGuard.AsksForSecrets(advice), advice);
            }
        }
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddInboxChatbot(configuration);
        services.AddSingleton(SharedClassifier.Instance);
        return services.BuildServiceProvider();
    }
}
