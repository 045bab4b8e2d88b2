using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inbox.Orders.Tests;

public sealed class OrdersRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddOrders(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

    [Fact]
    public async Task The_demo_orders_are_the_default_and_customers_find_theirs()
    {
        await using var services = Build([]);

        Assert.IsType<FileOrderProvider>(services.GetRequiredService<IOrderProvider>());
        var orders = await services.GetRequiredService<CustomerOrders>()
            .FindAsync([new Identity.ChannelIdentity(Identity.IdentityKinds.Email, "ivan@example.com")], CancellationToken.None);
        Assert.Contains(orders, o => o.Number == "1048576");
    }

    [Theory]
    [InlineData("Orders:Provider", "Oracle", "Orders:Provider")]
    [InlineData("Orders:Provider", "RetailCrm", "Orders:RetailCrm:BaseUrl")]
    public async Task A_wrong_or_incomplete_setting_stops_the_start_naming_the_key(string key, string value, string named)
    {
        await using var services = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
