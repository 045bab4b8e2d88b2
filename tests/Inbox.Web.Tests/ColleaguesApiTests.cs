using System.Net;
using System.Text.Json;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// <c>GET /api/v1/operators/colleagues</c>: whom an operator may transfer a conversation to: every enabled account's id and
/// display name, nothing more (logins, roles and presence stay the supervisors').
/// </summary>
public sealed class ColleaguesApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    [Fact]
    public async Task An_operator_lists_the_enabled_colleagues_by_name_with_only_id_and_name()
    {
        var leaving = await Server.CreateOperatorAsync();
        using var admin = await Server.OperatorClientAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/operators/{leaving.OperatorId}/disable", null)).StatusCode);
        var staying = await Server.CreateOperatorAsync();

        using var agent = await Server.OperatorClientAsync("operator");
        var response = await agent.GetAsync("/api/v1/operators/colleagues");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var colleagues = json.RootElement.EnumerateArray().ToList();

        Assert.All(colleagues, c => Assert.Equal(["operatorId", "displayName"], c.EnumerateObject().Select(p => p.Name)));
        var names = colleagues.Select(c => c.GetProperty("displayName").GetString()!).ToList();
        Assert.Contains("Second Operator", names);
        Assert.Contains("Demo Supervisor", names);
        Assert.Equal(names.Order(StringComparer.CurrentCultureIgnoreCase), names);
        var ids = colleagues.Select(c => c.GetProperty("operatorId").GetGuid()).ToList();
        Assert.Contains(staying.OperatorId, ids);
        Assert.DoesNotContain(leaving.OperatorId, ids);
    }
}
