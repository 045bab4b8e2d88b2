using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inbox.Connectors.Tests;

/// <summary>A connector's loop shows in the ready report: one failed round is weather, three in a row degrade it until a round works.</summary>
public sealed class ConnectorHealthTests
{
    [Fact]
    public async Task Failed_rounds_in_a_row_degrade_the_connector_until_one_works()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHealthChecks().AddConnectorCheck("telegram");
        await using var provider = services.BuildServiceProvider();
        var connector = provider.GetRequiredKeyedService<ConnectorHealth>("telegram");
        var checks = provider.GetRequiredService<HealthCheckService>();

        connector.Failed("polling round failed: HttpRequestException");
        connector.Failed("polling round failed: HttpRequestException");
        Assert.Equal(HealthStatus.Healthy, (await checks.CheckHealthAsync()).Status);

        connector.Failed("Telegram refuses the bot token (401): check Channels:Telegram:BotToken");
        var report = await checks.CheckHealthAsync();
        var entry = report.Entries["connector:telegram"];
        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Contains("3 failed rounds in a row", entry.Description, StringComparison.Ordinal);
        Assert.Contains("refuses the bot token", entry.Description, StringComparison.Ordinal);
        Assert.Contains("ready", entry.Tags);

        connector.Succeeded();
        Assert.Equal(HealthStatus.Healthy, (await checks.CheckHealthAsync()).Status);
    }

    [Fact]
    public async Task Dead_letters_show_in_the_report_and_degrade_it_while_recent()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock);
        services.AddHealthChecks().AddConnectorCheck("email");
        await using var provider = services.BuildServiceProvider();
        var connector = provider.GetRequiredKeyedService<ConnectorHealth>("email");
        var checks = provider.GetRequiredService<HealthCheckService>();

        connector.Succeeded();
        connector.SetDeadLetters([new ConnectorDeadLetter("UID 7 (UIDVALIDITY 42) in INBOX", "the server refused the FETCH", clock.GetUtcNow())]);
        var entry = (await checks.CheckHealthAsync()).Entries["connector:email"];

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Contains("UID 7 (UIDVALIDITY 42) in INBOX: the server refused the FETCH", entry.Description, StringComparison.Ordinal);
        Assert.Contains("UID 7", Assert.Single((string[])entry.Data["deadLetters"]), StringComparison.Ordinal);

        clock.Now += ConnectorHealth.DeadLettersDegradeFor + TimeSpan.FromMinutes(1);
        entry = (await checks.CheckHealthAsync()).Entries["connector:email"];
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Single((string[])entry.Data["deadLetters"]);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
