using Inbox.Chatbot.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Chatbot.Tests;

/// <summary>The bot over RetailCRM (a fake speaking its v5 API on loopback): it repeats what the order system says, or hands off.</summary>
public sealed class RetailCrmChatbotTests : IAsyncLifetime
{
    private FakeRetailCrmServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeRetailCrmServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_bot_hands_off_when_the_order_system_refuses()
    {
        await using var services = Services("wrong-key");
        var bot = services.GetRequiredService<IChatbot>();

        var turn = await new Conversation(bot).SayAsync("где мой заказ 1048576?");

        Assert.True(turn.HandOff);
        Assert.DoesNotContain("Передан в службу доставки", string.Join(" ", turn.Replies), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bot_answers_from_retailcrm()
    {
        await using var services = Services();
        var bot = services.GetRequiredService<IChatbot>();

        var turn = await new Conversation(bot, Bots.Ivan).SayAsync("где мой заказ?");

        Assert.Contains("Заказ 1048576: статус «Передан в службу доставки»", turn.All(), StringComparison.Ordinal);
        Assert.DoesNotContain("55501", turn.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retailcrms_russian_status_names_are_told_in_the_customers_language_from_the_table()
    {
        await using var services = Services(extra: new() { ["Orders:StatusNames:send-to-delivery:en"] = "With the courier service" });
        var bot = services.GetRequiredService<IChatbot>();

        var delivering = await new Conversation(bot, Bots.Ivan).SayAsync("Where is my order 1048576?");
        var ukrainian = await new Conversation(bot).SayAsync("Де моє замовлення 1234А?");

        Assert.StartsWith("Order 1048576: status \"With the courier service\".", delivering.Replies[0], StringComparison.Ordinal);
        Assert.StartsWith("Замовлення 1234А: статус «Готове до видачі».", ukrainian.Replies[0], StringComparison.Ordinal);
    }

    private ServiceProvider Services(string apiKey = FakeRetailCrmServer.ApiKey, Dictionary<string, string?>? extra = null)
    {
        var settings = _server.OrderSettings(apiKey);
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddInboxChatbot(configuration);
        services.AddSingleton(SharedClassifier.Instance);
        return services.BuildServiceProvider();
    }
}
