using Inbox.Chatbot.Local;
using Inbox.Orders;
using Inbox.Orders.RetailCrm;
using Inbox.Chatbot.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inbox.Chatbot.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public async Task Defaults_are_the_local_engine_and_the_demo_orders()
    {
        await using var services = Build([]);

        var bot = services.GetRequiredService<IChatbot>();
        var orders = services.GetRequiredService<IOrderProvider>();

        Assert.IsType<LocalChatbot>(bot);
        var demo = Assert.IsType<FileOrderProvider>(orders);
        Assert.Contains(demo.Orders, o => o.Number == "1048576" && o.CustomerEmail == "ivan@example.com");
        Assert.Contains(demo.Orders, o => o.Number == "MV-2231187");
        Assert.Contains(demo.Orders, o => o.Number == "1234\u0410"); // Cyrillic А
        var turn = await new Conversation(bot, Bots.Ivan).SayAsync("где мой заказ 1048576");
        Assert.Contains("Передан в службу доставки", turn.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orders_file_replaces_the_demo_orders()
    {
        var path = Path.Combine(Path.GetTempPath(), $"inbox-orders-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """
            { "statuses": [ { "code": "x", "name": "Едет к вам" } ],
              "orders": [ { "number": "A-1", "status": "x" } ] }
            """);
        try
        {
            await using var services = Build(new() { ["Orders:File"] = path });

            var orders = services.GetRequiredService<IOrderProvider>();

            var order = Assert.Single(await orders.FindByNumberAsync("a-1", CancellationToken.None));
            Assert.Equal("Едет к вам", order.StatusName);
            Assert.Empty(await orders.FindByNumberAsync("1048576", CancellationToken.None));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task RetailCrm_provider_is_chosen_by_configuration()
    {
        await using var services = Build(new()
        {
            ["Orders:Provider"] = "RetailCrm",
            ["Orders:RetailCrm:BaseUrl"] = "http://127.0.0.1:9/",
            ["Orders:RetailCrm:ApiKey"] = "k",
        });

        Assert.IsType<RetailCrmOrderProvider>(services.GetRequiredService<IOrderProvider>());
    }

    [Theory]
    [InlineData("Chatbot:Mode", "Magic")]
    [InlineData("Orders:Provider", "Oracle")]
    [InlineData("Chatbot:Mode", "AzureOpenAI")]
    [InlineData("Orders:Provider", "RetailCrm")]
    public void Wrong_or_incomplete_configuration_fails_at_startup(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var services = new ServiceCollection().AddLogging().AddInboxChatbot(configuration);
        using var provider = services.BuildServiceProvider();

        // As the host does when it starts.
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(key.Split(':')[0], error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("/")]
    public void A_model_cache_that_is_not_a_file_fails_at_startup_naming_the_key(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Chatbot:ModelCache"] = value }).Build();
        using var provider = new ServiceCollection().AddLogging().AddInboxChatbot(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Chatbot:ModelCache", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddInboxChatbot(configuration);
        services.AddSingleton(SharedClassifier.Instance);
        return services.BuildServiceProvider();
    }
}
