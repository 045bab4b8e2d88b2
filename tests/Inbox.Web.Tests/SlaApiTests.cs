using System.Net;
using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Web.OperatorApi;

namespace Inbox.Web.Tests;

/// <summary><c>GET /api/v1/sla/policies</c> against every role: supervisors and admins read the policies in force, operators are refused.</summary>
public sealed class SlaApiTests : IAsyncLifetime
{
    private InboxServer server = null!;

    public async Task InitializeAsync() => server = await InboxServer.StartAsync(new Dictionary<string, string?>
    {
        ["Sla:Schedules:office:TimeZone"] = "Europe/Moscow",
        ["Sla:Schedules:office:Week:Monday:0"] = "09:00-13:00",
        ["Sla:Schedules:office:Week:Monday:1"] = "14:00-18:00",
        ["Sla:Schedules:office:Week:Friday:0"] = "09:00-17:00",
        ["Sla:Schedules:office:Holidays:0"] = "2026-05-11",
        ["Sla:Policies:0:FirstResponse"] = "01:00:00",
        ["Sla:Policies:0:Resolution"] = "1.00:00:00",
        ["Sla:Policies:0:Schedule"] = "office",
        ["Sla:Policies:1:Team"] = "fraud response",
        ["Sla:Policies:1:Priority"] = "Urgent",
        ["Sla:Policies:1:FirstResponse"] = "00:02:00",
        ["Sla:Policies:1:Resolution"] = "02:00:00",
    });

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Supervisors_and_admins_read_the_policies_operators_are_refused()
    {
        using var anonymous = server.Client();
        using var operatorClient = await server.OperatorClientAsync("operator");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/sla/policies")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync("/api/v1/sla/policies")).StatusCode);

        foreach (var login in new[] { "supervisor", "admin" })
        {
            using var client = await server.OperatorClientAsync(login);
            var view = await client.GetFromJsonAsync<SlaPoliciesView>("/api/v1/sla/policies", InboxJson.Options);
            Assert.NotNull(view);
            Assert.Equal("settings", view.Source);
            var office = Assert.Single(view.Schedules);
            Assert.Equal("office", office.Name);
            Assert.Equal("Europe/Moscow", office.TimeZone);
            Assert.Equal(["monday", "friday"], office.Week.Keys);
            Assert.Equal(["09:00-13:00", "14:00-18:00"], office.Week["monday"]);
            Assert.Equal([new DateOnly(2026, 5, 11)], office.Holidays);
            Assert.Equal(2, view.Policies.Count);
            Assert.Equal(new SlaPolicyView(null, null, TimeSpan.FromHours(1), TimeSpan.FromDays(1), "office"), view.Policies[0]);
            Assert.Equal(new SlaPolicyView("fraud response", ConversationPriority.Urgent, TimeSpan.FromMinutes(2), TimeSpan.FromHours(2), null), view.Policies[1]);
        }
    }

    [Fact]
    public async Task The_raw_answer_names_priorities_and_durations_as_words()
    {
        using var supervisor = await server.OperatorClientAsync("supervisor");
        var json = await supervisor.GetStringAsync("/api/v1/sla/policies");
        Assert.Contains("\"priority\":\"urgent\"", json, StringComparison.Ordinal);
        Assert.Contains("\"firstResponse\":\"00:02:00\"", json, StringComparison.Ordinal);
        Assert.Contains("\"resolution\":\"1.00:00:00\"", json, StringComparison.Ordinal);
    }
}
