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
}
