using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inbox.Identity.Tests;

public sealed class PhoneNumbersRegistrationTests
{
    private static ServiceProvider Build(string? region)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Phone:DefaultRegion"] = region }).Build();
        return new ServiceCollection().AddPhoneNumbers(configuration).AddPhoneNumbers(configuration).BuildServiceProvider();
    }

    [Fact]
    public void The_configured_region_reads_national_numbers()
    {
        using var services = Build("KZ");

        var phones = services.GetRequiredService<PhoneNumberNormalizer>();

        Assert.Equal("KZ", phones.DefaultRegion);
        Assert.Equal("+77012345678", phones.ToIdentity("8 701 234 5678")?.Value);
        Assert.Single(services.GetServices<PhoneNumberNormalizer>());
    }

    [Fact]
    public void An_unknown_region_stops_the_start_naming_the_key()
    {
        using var services = Build("Narnia");

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Phone:DefaultRegion", error.Message, StringComparison.Ordinal);
    }
}
