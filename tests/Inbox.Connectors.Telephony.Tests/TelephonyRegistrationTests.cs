using System.Net;
using Inbox.Connectors.Telephony.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Inbox.Connectors.Telephony.Tests;

public sealed class TelephonyRegistrationTests
{
    private static IReadOnlyList<string> Add(Dictionary<string, string?> settings, out ServiceCollection services)
    {
        services = new ServiceCollection();
        var module = new TelephonyModule();
        module.AddServices(services, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return module.Adapters;
    }

    [Fact]
    public void With_no_keys_nothing_is_on_and_nothing_is_registered()
    {
        var enabled = Add(new Dictionary<string, string?> { ["Telephony:Mango:ApiKey"] = "only-the-key", ["Telephony:Asterisk:Host"] = "pbx" }, out var services);

        Assert.Empty(enabled);
        Assert.Empty(services);
    }

    [Fact]
    public void Each_adapter_whose_keys_are_set_is_on()
    {
        var enabled = Add(new Dictionary<string, string?>
        {
            ["Telephony:Cti:Token"] = "t",
            ["Telephony:Asterisk:Host"] = "pbx",
            ["Telephony:Asterisk:User"] = "crm",
            ["Telephony:Zadarma:Secret"] = "s",
            ["Telephony:Mango:ApiKey"] = "k",
            ["Telephony:Mango:ApiSalt"] = "s",
            ["Channels:Twilio:AuthToken"] = "a",
        }, out var services);

        Assert.Equal(TelephonyProviders.All, enabled);
        Assert.Single(services, s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(AsteriskAmiClient));
    }

    [Fact]
    public async Task Only_the_webhooks_of_adapters_that_are_on_are_mapped()
    {
        await using var host = await TelephonyTestHost.StartAsync(new Dictionary<string, string?> { ["Telephony:Zadarma:Secret"] = "s" });

        Assert.Equal([TelephonyProviders.Zadarma], host.Enabled);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/webhooks/zadarma?zd_echo=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync("/webhooks/cti/anything", FormBody.Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync("/webhooks/mango/events/call", FormBody.Encoded())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync("/webhooks/twilio/voice", FormBody.Encoded())).StatusCode);
    }

    [Theory]
    [InlineData("89161234567", "89161234567")]
    [InlineData("  +7 916 123-45-67 ", "+7 916 123-45-67")]
    [InlineData("sip:+79161234567@pbx.example.com;user=phone", "+79161234567")]
    [InlineData("SIP:101@10.0.0.1", "101")]
    [InlineData("sips:anonymous@anonymous.invalid", "anonymous")]
    [InlineData("tel:+7-916-123-45-67;ext=12", "+7-916-123-45-67")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("sip:@host", null)]
    [InlineData(null, null)]
    public void Caller_numbers_are_only_trimmed_and_unwrapped(string? raw, string? expected) =>
        Assert.Equal(expected, CallerNumbers.FromProvider(raw));

    [Theory]
    [InlineData(" 79161234567", true, "+79161234567")]
    [InlineData(" 79161234567", false, "79161234567")]
    [InlineData(" anonymous", true, "anonymous")]
    public void A_leading_space_before_digits_is_a_lost_plus_only_in_forms(string raw, bool form, string expected) =>
        Assert.Equal(expected, CallerNumbers.FromProvider(raw, form));
}
