using System.Text;
using Inbox.Connectors.Vk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Connectors.Vk.Tests;

public sealed class VkWireFormatTests
{
    [Fact]
    public void An_error_that_comes_with_http_200_is_read_as_an_error()
    {
        var result = VkApiClient.ReadBody(Encoding.UTF8.GetBytes(VkPayloads.FloodControlError));

        Assert.Equal(new VkApiResult.ApiError(9, "Flood control"), result);
    }

    [Fact]
    public void The_messages_send_answer_is_the_message_id()
    {
        var result = Assert.IsType<VkApiResult.Success>(VkApiClient.ReadBody("""{"response":1842}"""u8.ToArray()));

        Assert.Equal(1842, result.Response.GetInt32());
    }

    [Theory]
    [InlineData("<html>502</html>")]
    [InlineData("{}")]
    [InlineData("")]
    public void Anything_else_is_a_passing_failure(string body)
    {
        Assert.IsType<VkApiResult.Unavailable>(VkApiClient.ReadBody(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("""{"ts":"1046","updates":[]}""", "1046")]
    [InlineData("""{"ts":1046,"updates":[]}""", "1046")]
    public void Long_poll_ts_is_read_as_a_string_or_a_number(string body, string ts)
    {
        var updates = Assert.IsType<VkLongPollAnswer.Updates>(VkLongPollClient.Read(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(ts, updates.Ts);
    }

    [Theory]
    [InlineData("""{"failed":1,"ts":1050}""", 1, "1050")]
    [InlineData("""{"failed":2}""", 2, null)]
    [InlineData("""{"failed":3}""", 3, null)]
    public void Long_poll_failures_are_read(string body, int code, string? ts)
    {
        Assert.Equal(new VkLongPollAnswer.Failed(code, ts), VkLongPollClient.Read(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void The_check_address_carries_key_ts_and_wait()
    {
        var uri = VkLongPollClient.CheckUri(new VkLongPollServer("abc", "https://lp.vk.com/whp/229000000", "1045"), "1045", 25);

        Assert.Equal("https://lp.vk.com/whp/229000000?act=a_check&key=abc&ts=1045&wait=25", uri.ToString());
    }

    [Fact]
    public async Task The_users_get_example_gives_first_and_last_name()
    {
        await using var vk = await FakeVk.StartAsync();
        vk.Script("users.get", FakeResponse.Json(VkPayloads.UsersGet));
        await using var host = await VkTestHost.StartAsync(vk);
        using var scope = host.Services.CreateScope();
        var names = scope.ServiceProvider.GetRequiredService<VkSenderNames>();

        Assert.Equal("Иван Петров", await names.GetAsync(123, bestEffort: true, CancellationToken.None));
        Assert.Equal("123", Assert.Single(vk.CallsOf("users.get"))["user_ids"]);
    }

    [Fact]
    public async Task A_community_sender_is_named_with_groups_get_by_id()
    {
        await using var vk = await FakeVk.StartAsync();
        vk.Groups[1] = "ВКонтакте API";
        await using var host = await VkTestHost.StartAsync(vk);
        using var scope = host.Services.CreateScope();
        var names = scope.ServiceProvider.GetRequiredService<VkSenderNames>();

        Assert.Equal("ВКонтакте API", await names.GetAsync(-1, bestEffort: true, CancellationToken.None));
        Assert.Equal("1", Assert.Single(vk.CallsOf("groups.getById"))["group_ids"]);
    }
}
