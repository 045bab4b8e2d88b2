using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Inbox.Connectors.Webhooks;

namespace Inbox.Connectors.Vk.Tests;

public sealed class VkRegistrationTests
{
    private static (bool On, IServiceCollection Services) Register(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        return (new VkModule().AddServices(services, configuration), services);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("token", null)]
    [InlineData(null, "229000000")]
    [InlineData("token", "0")]
    [InlineData(" ", "229000000")]
    public void The_channel_is_off_without_a_token_and_a_group_id(string? token, string? groupId)
    {
        var (on, services) = Register(new() { ["Channels:Vk:AccessToken"] = token, ["Channels:Vk:GroupId"] = groupId });

        Assert.False(on);
        Assert.Empty(services);
    }

    [Fact]
    public void Callback_mode_registers_the_outbound_channel_the_webhook_intake_and_no_poller()
    {
        var (on, services) = Register(new() { ["Channels:Vk:AccessToken"] = "token", ["Channels:Vk:GroupId"] = "229000000" });

        Assert.True(on);
        Assert.Contains(services, d => d.ServiceType == typeof(IOutboundChannel));
        Assert.Contains(services, d => d.ServiceType == typeof(WebhookIntake));
        Assert.Contains(services, d => d.ServiceType == typeof(IWebhookHandler) && d.ServiceKey as string == ChannelNames.Vk);
        Assert.DoesNotContain(services, d => d.ImplementationType == typeof(VkLongPollService));
    }

    [Fact]
    public void Long_poll_mode_registers_the_poller()
    {
        var (on, services) = Register(new() { ["Channels:Vk:AccessToken"] = "token", ["Channels:Vk:GroupId"] = "229000000", ["Channels:Vk:Mode"] = "LongPoll" });

        Assert.True(on);
        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(VkLongPollService));
    }

    [Fact]
    public void The_defaults_are_vks()
    {
        var options = new VkChannelOptions();

        Assert.Equal(VkMode.Callback, options.Mode);
        Assert.Equal("https://api.vk.com", options.ApiBaseUrl);
        Assert.Equal(20, options.RequestsPerSecond);
        Assert.Equal(25, options.LongPollWaitSeconds);
    }
}
