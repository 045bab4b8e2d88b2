using System.Net;
using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Reports;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Inbox.Web.Tests;

/// <summary>
/// The daily figures of conversations made through the real API and grains (replies, a resolve, a merge of two customers by a
/// supervisor), as JSON and CSV, and the same figures after the node restarts on the same store.
/// </summary>
public sealed class ReportsDailyTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "inbox-report-tests", Guid.NewGuid().ToString("N"));
    private InboxServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _server = await StartAsync();
    }

    private Task<InboxServer> StartAsync() =>
        InboxServer.StartAsync(new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = Path.Combine(_folder, "inbox.db") });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Conversations_replies_a_resolve_and_a_merge_are_counted_and_survive_a_restart()
    {
        using var api = _server.Client(InboxServer.ApiToken);
        using var op = await _server.OperatorClientAsync("operator");
        using var supervisor = await _server.OperatorClientAsync("supervisor");

        // c1: answered and resolved; c2: waits; c3 and c4 are one person, merged by a supervisor, then answered and resolved.
        var c1 = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Where is my order?", externalId: $"c-{Guid.NewGuid():N}");
        var reply = await op.ReplyAsync(c1.ConversationId, "Looking into it");
        (await op.PostAsync($"/api/v1/conversations/{c1.ConversationId}/resolve", null)).EnsureSuccessStatusCode();
        await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Hello?", externalId: $"c-{Guid.NewGuid():N}");
        var c3 = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "From my phone", externalId: $"c-{Guid.NewGuid():N}");
        var c4 = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "From my laptop", externalId: $"c-{Guid.NewGuid():N}");
        (await supervisor.PostAsJsonAsync($"/api/v1/customers/{c3.CustomerId}/merge", new { customerId = c4.CustomerId })).EnsureSuccessStatusCode();
        await op.ReplyAsync(c3.ConversationId, "Both messages seen");
        (await op.PostAsync($"/api/v1/conversations/{c3.ConversationId}/resolve", null)).EnsureSuccessStatusCode();

        // A range of three Moscow days around today, so that a test run at midnight still finds everything.
        var today = DailyReportCalculator.DayOf(DateTimeOffset.UtcNow, Moscow);
        var range = $"from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        var report = await (await supervisor.GetAsync("/api/v1/reports/daily?" + range)).ReadAsync<DailyReport>();

        // c1, c2 and the merged c3 with c4: three episodes, all on the api channel, none with the bot (it is off).
        var total = report.Total;
        Assert.Equal(3, total.Conversations);
        Assert.Equal(new Dictionary<string, int> { ["api"] = 3 }, total.ByChannel);
        Assert.Equal(new Dictionary<string, int> { [DailyReportCalculator.NoIntent] = 3 }, total.ByIntent);
        Assert.Equal((2, 2), (total.FirstResponses, total.Resolved));
        Assert.Equal((0, (double?)null), (total.BotConversations, total.BotContainment));
        Assert.Equal(3, report.Days.Sum(d => d.Conversations));

        // Per operator: the two the demo operator answered; per channel: nothing on sms.
        var mine = await (await supervisor.GetAsync($"/api/v1/reports/daily?{range}&operatorId={reply.OperatorId}")).ReadAsync<DailyReport>();
        Assert.Equal(2, mine.Total.Conversations);
        var sms = await (await supervisor.GetAsync($"/api/v1/reports/daily?{range}&channel=sms")).ReadAsync<DailyReport>();
        Assert.Equal(0, sms.Total.Conversations);
        // Per team: nothing routed them, so all three have no team (team=-) and none is the orders team's.
        var noTeam = await (await supervisor.GetAsync($"/api/v1/reports/daily?{range}&team=-")).ReadAsync<DailyReport>();
        Assert.Equal(3, noTeam.Total.Conversations);
        var orders = await (await supervisor.GetAsync($"/api/v1/reports/daily?{range}&team=orders")).ReadAsync<DailyReport>();
        Assert.Equal((0, "orders"), (orders.Total.Conversations, orders.Team));

        var csv = await supervisor.GetAsync("/api/v1/reports/daily.csv?" + range);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", csv.Content.Headers.ContentType.CharSet);
        var text = await csv.Content.ReadAsStringAsync();
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length); // the header, three days, the totals
        Assert.EndsWith(",channel:api,intent:none", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("total,3,2,", lines[4], StringComparison.Ordinal);
        Assert.Equal(text, await supervisor.GetStringAsync("/api/v1/reports/daily?format=csv&" + range));

        // The figures are the store's: a restarted node on the same file reads the same.
        await _server.DisposeAsync();
        _server = await StartAsync();
        using var afterRestart = await _server.OperatorClientAsync("supervisor");
        Assert.Equal(text, await afterRestart.GetStringAsync("/api/v1/reports/daily.csv?" + range));
    }
}
