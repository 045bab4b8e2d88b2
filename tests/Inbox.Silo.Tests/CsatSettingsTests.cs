using Inbox.Silo.Csat;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Tests;

/// <summary>The <c>Csat</c> settings: which channels are asked by default and per channel, and the values that stop the start, by name.</summary>
public sealed class CsatSettingsTests
{
    [Fact]
    public void By_default_every_channel_is_asked_but_the_api_channel_and_voice()
    {
        var options = new CsatOptions();

        Assert.True(new CsatOptionsValidator().Validate(null, options).Succeeded);
        Assert.All(["telegram", "vk", "whatsapp", "sms", "email"], channel => Assert.True(options.IsOn(channel)));
        Assert.False(options.IsOn("api"));
        Assert.False(options.IsOn("voice"));
    }

    [Fact]
    public void Settings_switch_channels_on_and_off_and_the_master_switch_wins()
    {
        var options = Bind(new()
        {
            ["Csat:Channels:SMS"] = "false",
            ["Csat:Channels:api"] = "true",
            ["Csat:AnswerWindow"] = "02:00:00",
        });

        Assert.False(options.IsOn("sms"));
        Assert.True(options.IsOn("api"));
        Assert.True(options.IsOn("telegram"));
        Assert.Equal(TimeSpan.FromHours(2), options.AnswerWindow);
        Assert.False(Bind(new() { ["Csat:Enabled"] = "false" }).IsOn("telegram"));
    }

    [Theory]
    [InlineData("Csat:Channels:fax", "true", "Csat:Channels:fax")]
    [InlineData("Csat:Channels:voice", "true", "Csat:Channels:voice")]
    [InlineData("Csat:AnswerWindow", "00:00:00", "Csat:AnswerWindow")]
    [InlineData("Csat:AnswerWindow", "31.00:00:00", "Csat:AnswerWindow")]
    [InlineData("Csat:DefaultLanguage", "de", "Csat:DefaultLanguage")]
    public void A_wrong_value_stops_the_start_by_name(string key, string value, string named)
    {
        var services = new ServiceCollection();
        services.AddCsat(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build());
        using var provider = services.BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CsatOptions>>().Value);

        Assert.Contains(named, refused.Message);
    }

    private static CsatOptions Bind(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddCsat(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<CsatOptions>>().Value;
    }
}
