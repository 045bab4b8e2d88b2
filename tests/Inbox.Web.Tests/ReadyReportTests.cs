using Inbox.Connectors;
using Inbox.Web.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inbox.Web.Tests;

/// <summary>What an admin reads at /health/ready: the status, and for what is not healthy, why, with the mail a connector skipped.</summary>
public sealed class ReadyReportTests
{
    [Fact]
    public void All_healthy_is_just_Healthy()
    {
        var report = new HealthReport(new Dictionary<string, HealthReportEntry>
        {
            ["store"] = new(HealthStatus.Healthy, null, TimeSpan.Zero, null, null),
            ["connector:email"] = new(HealthStatus.Healthy, "email: working", TimeSpan.Zero, null, new Dictionary<string, object> { ["failuresInARow"] = 0 }),
        }, TimeSpan.Zero);

        Assert.Equal("Healthy", ReadyReportWriter.Format(report));
    }

    [Fact]
    public void A_connector_with_dead_letters_is_shown_with_each_of_them()
    {
        var email = new ConnectorHealth("email", TimeProvider.System);
        email.Succeeded();
        email.SetDeadLetters([new ConnectorDeadLetter("UID 2 (UIDVALIDITY 42) in INBOX", "the server refused the FETCH", DateTimeOffset.UtcNow)]);
        var entry = email.Report();
        var report = new HealthReport(new Dictionary<string, HealthReportEntry>
        {
            ["store"] = new(HealthStatus.Healthy, null, TimeSpan.Zero, null, null),
            ["connector:email"] = new(entry.Status, entry.Description, TimeSpan.Zero, null, entry.Data),
        }, TimeSpan.Zero);

        var lines = ReadyReportWriter.Format(report).Split('\n');

        Assert.Equal("Degraded", lines[0]);
        Assert.StartsWith("connector:email: Degraded — email: working, but skipped 1 item(s)", lines[1], StringComparison.Ordinal);
        Assert.Matches("^  dead letter: .* UID 2 \\(UIDVALIDITY 42\\) in INBOX: the server refused the FETCH$", lines[2]);
        Assert.Equal(3, lines.Length);
    }
}
