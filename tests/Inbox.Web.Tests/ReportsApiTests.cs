using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Reports;
using Inbox.Web.Reports;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>The report endpoints against every role, and what they refuse: wrong dates, a reversed or too long range, a bad operator id or format.</summary>
public sealed class ReportsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    public static TheoryData<string> Endpoints => new()
    {
        "/api/v1/reports/live",
        "/api/v1/reports/daily?from=2026-12-01&to=2026-12-02",
        "/api/v1/reports/daily?from=2026-12-01&to=2026-12-02&format=csv",
        "/api/v1/reports/daily.csv?from=2026-12-01&to=2026-12-02",
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Supervisors_and_admins_read_the_reports_operators_and_strangers_are_refused(string path)
    {
        using var anonymous = Server.Client();
        using var operatorClient = await Server.OperatorClientAsync("operator");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync(path)).StatusCode);

        foreach (var login in new[] { "supervisor", "admin" })
        {
            using var client = await Server.OperatorClientAsync(login);
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_day_range_has_a_row_per_moscow_day_and_the_totals()
    {
        using var supervisor = await Server.OperatorClientAsync("supervisor");

        var report = await (await supervisor.GetAsync("/api/v1/reports/daily?from=2026-02-27&to=2026-03-02")).ReadAsync<DailyReport>();

        Assert.Equal("Europe/Moscow", report.TimeZone);
        Assert.Equal([new DateOnly(2026, 2, 27), new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)], report.Days.Select(d => d.Day!.Value));
        Assert.Null(report.Total.Day);
        Assert.All(report.Days, d => Assert.Equal(0, d.Conversations));
    }

    [Theory]
    [InlineData("from=2026-13-01&to=2026-12-02", "from")]
    [InlineData("from=2026-12-01", "to")]
    [InlineData("from=01.12.2026&to=2026-12-02", "from")]
    [InlineData("from=2026-12-02&to=2026-12-01", "to")]
    [InlineData("from=2025-01-01&to=2026-12-01", "to")]
    [InlineData("from=2026-12-01&to=2026-12-01&operatorId=nobody", "operatorId")]
    [InlineData("from=2026-12-01&to=2026-12-01&format=xml", "format")]
    public async Task A_wrong_query_is_refused_naming_the_field(string query, string field)
    {
        using var supervisor = await Server.OperatorClientAsync("supervisor");

        var response = await supervisor.GetAsync("/api/v1/reports/daily?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadAsync<HttpValidationProblem>();
        Assert.True(problem.Errors.ContainsKey(field), $"errors has no {field}: {string.Join(", ", problem.Errors.Keys)}");
    }

    [Fact]
    public async Task The_refusal_is_in_russian_when_asked()
    {
        using var supervisor = await Server.OperatorClientAsync("supervisor");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/daily?from=2026-12-02&to=2026-12-01");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("ru"));

        var response = await supervisor.SendAsync(request);

        var problem = await response.ReadAsync<HttpValidationProblem>();
        Assert.Equal("Конец периода (to) раньше его начала (from).", Assert.Single(problem.Errors["to"]));
    }

    /// <summary>The validation problem's field errors.</summary>
    private sealed record HttpValidationProblem(Dictionary<string, string[]> Errors);
}
