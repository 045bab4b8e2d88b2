using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inbox.Orders.Tests;

/// <summary>The table of status names per language over an order system that names its statuses in one language.</summary>
public sealed class OrderStatusNamesTests : IAsyncLifetime
{
    private FakeRetailCrmServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeRetailCrmServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Retailcrms_russian_names_are_given_in_ukrainian_and_english_and_as_is_in_russian()
    {
        await using var services = Build(_server.OrderSettings());
        var names = services.GetRequiredService<OrderStatusNames>();
        var order = Assert.Single(await services.GetRequiredService<IOrderProvider>().FindByNumberAsync("1048576", CancellationToken.None));

        Assert.Equal("Передан в службу доставки", names.NameFor(order, "ru"));
        Assert.Equal("Передано в доставку", names.NameFor(order, "uk"));
        Assert.Equal("Handed over for delivery", names.NameFor(order, "en"));
    }

    [Fact]
    public async Task Every_demo_status_has_a_ukrainian_and_an_english_name()
    {
        await using var services = Build([]);
        var names = services.GetRequiredService<OrderStatusNames>();
        var demo = Assert.IsType<FileOrderProvider>(services.GetRequiredService<IOrderProvider>());

        Assert.All(demo.Orders, order =>
        {
            Assert.NotNull(names.Translation(order.StatusCode, "uk"));
            Assert.NotNull(names.Translation(order.StatusCode, "en"));
        });
    }

    [Fact]
    public void A_code_the_table_does_not_know_keeps_the_order_systems_name_and_no_name_stays_no_name()
    {
        var unknown = Order("brand-new-status", "Ждёт курьера");
        var nameless = Order("send-to-delivery", null);

        Assert.Equal("Ждёт курьера", OrderStatusNames.Shipped.NameFor(unknown, "en"));
        Assert.Null(OrderStatusNames.Shipped.NameFor(nameless, "en"));
    }

    [Fact]
    public async Task Configuration_overrides_a_name_removes_one_and_keeps_the_rest()
    {
        await using var services = Build(new()
        {
            ["Orders:StatusNames:send-to-delivery:en"] = "With the courier service",
            ["Orders:StatusNames:ready-for-pickup:en"] = "",
            ["Orders:StatusNames:gift-wrapping:uk"] = "Пакуємо подарунок",
        });
        var names = services.GetRequiredService<OrderStatusNames>();

        Assert.Equal("With the courier service", names.NameFor(Order("send-to-delivery", "Передан в доставку"), "en"));
        Assert.Equal("Передано в доставку", names.NameFor(Order("send-to-delivery", "Передан в доставку"), "uk"));
        Assert.Equal("Готов к выдаче", names.NameFor(Order("ready-for-pickup", "Готов к выдаче"), "en"));
        Assert.Equal("Пакуємо подарунок", names.NameFor(Order("gift-wrapping", "Упаковываем подарок"), "uk"));
    }

    [Fact]
    public async Task An_english_order_system_keeps_its_own_names_for_english_customers()
    {
        await using var services = Build(new() { ["Orders:Language"] = "en" });
        var names = services.GetRequiredService<OrderStatusNames>();
        var order = Order("complete", "Done and dusted");

        Assert.Equal("en", names.OrderSystemLanguage);
        Assert.Equal("Done and dusted", names.NameFor(order, "en"));
        Assert.Equal("Выполнен", names.NameFor(order, "ru"));
    }

    [Theory]
    [InlineData("Orders:Language", "de", "Orders:Language")]
    [InlineData("Orders:StatusNames:new:ua", "Новий", "Orders:StatusNames:new:ua")]
    public async Task A_wrong_language_stops_the_start_naming_the_key(string key, string value, string named)
    {
        await using var services = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static Order Order(string code, string? name) =>
        new("1", code, name, null, null, null, null, null, null, null, [], true);

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddOrders(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
}
