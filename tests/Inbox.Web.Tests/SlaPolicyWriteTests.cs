using System.Net;
using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Web.OperatorApi;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Inbox.Web.Tests;

/// <summary>
/// <c>PUT /api/v1/sla/policies</c> against every role (operators cannot change policies; supervisors and admins can), checked
/// as the settings are; and the clocks they set running on a real server: the watcher records a breach, pushed live to the
/// assignee and the supervisors, not to another operator.
/// </summary>
public sealed class SlaPolicyWriteTests : IAsyncLifetime
{
    private InboxServer server = null!;

    public async Task InitializeAsync() => server = await InboxServer.StartAsync(new Dictionary<string, string?>
    {
        ["Sla:CheckInterval"] = "00:00:01",
        ["Sla:Policies:0:FirstResponse"] = "01:00:00",
        ["Sla:Policies:0:Resolution"] = "1.00:00:00",
    });

    public async Task DisposeAsync() => await server.DisposeAsync();

    private static object Body(string firstResponse, string resolution, string timeZone = "Europe/Moscow") => new
    {
        schedules = new[]
        {
            new { name = "office", timeZone, aroundTheClock = false, week = new Dictionary<string, string[]> { ["monday"] = ["09:00-18:00"] }, holidays = new[] { "2027-01-01" } },
        },
        policies = new object[]
        {
            new { firstResponse, resolution },
            new { team = "fraud response", priority = "urgent", firstResponse = "00:02:00", resolution = "02:00:00", schedule = "office" },
        },
        outOfHoursSchedule = "office",
    };

    [Fact]
    public async Task Supervisors_and_admins_replace_the_policies_operators_and_strangers_cannot()
    {
        using var anonymous = server.Client();
        using var operatorClient = await server.OperatorClientAsync("operator");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/v1/sla/policies", Body("00:30:00", "08:00:00"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.PutAsJsonAsync("/api/v1/sla/policies", Body("00:30:00", "08:00:00"))).StatusCode);
        using var supervisor = await server.OperatorClientAsync("supervisor");
        Assert.Equal("settings", (await supervisor.GetFromJsonAsync<SlaPoliciesView>("/api/v1/sla/policies", InboxJson.Options))!.Source);

        foreach (var (login, firstResponse) in new[] { ("supervisor", "00:30:00"), ("admin", "00:20:00") })
        {
            using var client = await server.OperatorClientAsync(login);
            var response = await client.PutAsJsonAsync("/api/v1/sla/policies", Body(firstResponse, "08:00:00"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var written = await response.ReadAsync<SlaPoliciesView>();
            Assert.Equal(("store", "office", TimeSpan.Parse(firstResponse, System.Globalization.CultureInfo.InvariantCulture)),
                (written.Source, written.OutOfHoursSchedule, written.Policies[0].FirstResponse));
            Assert.NotNull(written.UpdatedAt);

            var read = (await client.GetFromJsonAsync<SlaPoliciesView>("/api/v1/sla/policies", InboxJson.Options))!;
            Assert.Equal(written.Policies, read.Policies);
            Assert.Equal(new SlaPolicyView("fraud response", ConversationPriority.Urgent, TimeSpan.FromMinutes(2), TimeSpan.FromHours(2), "office"), read.Policies[1]);
            var office = Assert.Single(read.Schedules);
            Assert.Equal("Europe/Moscow", office.TimeZone);
            Assert.Equal(["09:00-18:00"], office.Week["monday"]);
            Assert.Equal([new DateOnly(2027, 1, 1)], office.Holidays);
        }
    }

    [Fact]
    public async Task A_wrong_set_is_refused_naming_each_field_and_changes_nothing()
    {
        using var supervisor = await server.OperatorClientAsync("supervisor");
        var response = await supervisor.PutAsJsonAsync("/api/v1/sla/policies", Body("00:00:00", "08:00:00", timeZone: "Europe/Mosco"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadAsync<ValidationProblemDetails>();
        Assert.Contains("Sla:Schedules:office:TimeZone", problem.Errors.Keys);
        Assert.Contains("Sla:Policies:0:FirstResponse", problem.Errors.Keys);

        var unreadable = await supervisor.PutAsJsonAsync("/api/v1/sla/policies", new { policies = new[] { new { firstResponse = "soon", resolution = "08:00:00", priority = "asap" } } });
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        var errors = (await unreadable.ReadAsync<ValidationProblemDetails>()).Errors;
        Assert.Equal(["Sla:Policies:0:FirstResponse", "Sla:Policies:0:Priority"], errors.Keys.Order());

        var view = (await supervisor.GetFromJsonAsync<SlaPoliciesView>("/api/v1/sla/policies", InboxJson.Options))!;
        Assert.Equal(("settings", TimeSpan.FromHours(1)), (view.Source, Assert.Single(view.Policies).FirstResponse));
    }

    [Fact]
    public async Task A_breach_is_recorded_and_pushed_to_the_assignee_and_the_supervisors_not_to_another_operator()
    {
        using var supervisor = await server.OperatorClientAsync("supervisor");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PutAsJsonAsync("/api/v1/sla/policies", Body("00:01:00", "00:00:02"))).StatusCode);
        await using var assigneeHub = await server.ConnectHubAsync("operator");
        await using var colleagueHub = await server.ConnectHubAsync("operator2");
        await using var supervisorHub = await server.ConnectHubAsync("supervisor");
        var (assigneeEvents, colleagueEvents, supervisorEvents) = (new LiveEventCollector(assigneeHub), new LiveEventCollector(colleagueHub), new LiveEventCollector(supervisorHub));

        using var api = server.Client(InboxServer.ApiToken);
        var sent = await api.SendInboundAsync($"sla-{Guid.NewGuid():N}", "where is my order?", externalId: $"c-{Guid.NewGuid():N}");
        using var operatorClient = await server.OperatorClientAsync("operator");
        await operatorClient.ReplyAsync(sent.ConversationId, "Looking into it."); // takes it, and meets the first response

        bool Breach(LiveEvent e) => e.ConversationId == sent.ConversationId && e.Type == LiveEventTypes.SlaBreached;
        var pushed = await supervisorEvents.WaitForAsync(Breach);
        await assigneeEvents.WaitForAsync(Breach);
        Assert.Equal((TimelineActions.SlaBreached, "resolution"), (pushed.Message!.Metadata![TimelineActions.Key], pushed.Message.Metadata["target"]));
        Assert.DoesNotContain(colleagueEvents.Of(sent.ConversationId), e => e.Type is LiveEventTypes.SlaBreached or LiveEventTypes.SlaAtRisk);

        var timeline = (await supervisor.ConversationAsync(sent.ConversationId)).Messages;
        Assert.Single(timeline, m => m.Metadata?.GetValueOrDefault(TimelineActions.Key) == TimelineActions.SlaBreached);
        Assert.DoesNotContain(timeline, m => m.Metadata?.GetValueOrDefault(TimelineActions.Key) is TimelineActions.SlaBreached && m.Metadata["target"] == "firstResponse");
    }
}
