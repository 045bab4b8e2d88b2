using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inbox.Connectors.Twilio.Tests;

public sealed class TwilioRegistrationTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("AC0123456789abcdef0123456789abcdef", null)]
    [InlineData(null, "token")]
    [InlineData("  ", "token")]
    public void Without_credentials_the_channel_is_off_and_registers_nothing(string? accountSid, string? authToken)
    {
        var services = new ServiceCollection();
        var configuration = Configuration(new()
        {
            ["Channels:Twilio:AccountSid"] = accountSid,
            ["Channels:Twilio:AuthToken"] = authToken,
            ["Channels:Twilio:SmsFrom"] = "+15005550006",
        });

        Assert.False(new TwilioMessagingModule().AddServices(services, configuration));
        Assert.Empty(services);
    }

    [Theory]
    [InlineData("+15005550006", "whatsapp:+15005550006", new[] { ChannelNames.Sms, ChannelNames.WhatsApp })]
    [InlineData("+15005550006", null, new[] { ChannelNames.Sms })]
    [InlineData(null, "+15005550006", new[] { ChannelNames.WhatsApp })]
    [InlineData(null, null, new string[0])]
    public void Each_sender_is_on_when_its_From_is_set(string? smsFrom, string? whatsAppFrom, string[] expected)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var configuration = Configuration(new()
        {
            ["Channels:Twilio:AccountSid"] = "AC0123456789abcdef0123456789abcdef",
            ["Channels:Twilio:AuthToken"] = "token",
            ["Channels:Twilio:SmsFrom"] = smsFrom,
            ["Channels:Twilio:WhatsAppFrom"] = whatsAppFrom,
        });

        Assert.True(new TwilioMessagingModule().AddServices(services, configuration));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(expected, provider.GetServices<IOutboundChannel>().Select(c => c.Channel));
    }

    [Fact]
    public void The_api_base_url_defaults_to_Twilio()
    {
        Assert.Equal("https://api.twilio.com", new TwilioChannelOptions().ApiBaseUrl);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
