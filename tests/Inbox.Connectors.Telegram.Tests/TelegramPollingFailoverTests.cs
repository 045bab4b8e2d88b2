using Inbox.Connectors.Leases;
using Inbox.Connectors.Telegram.Tests.Infrastructure;

namespace Inbox.Connectors.Telegram.Tests;

/// <summary>Two nodes of one cluster with the bot in polling mode: one polls; when it stops, the other takes polling over.</summary>
public sealed class TelegramPollingFailoverTests : IAsyncLifetime
{
    private const string PollingStarted = "Telegram polling started";
    private readonly TestWorld _world = new() { SharedLeases = new LocalConnectorLeases(TimeProvider.System) };
    private FakeTelegramBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeTelegramBotApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static void ShortLeases(Dictionary<string, string?> settings)
    {
        settings["Cluster:Leases:Duration"] = "00:00:02";
        settings["Cluster:Leases:RenewInterval"] = "00:00:00.300";
    }

    private Task WaitForOffsetAsync(long offset) =>
        _world.Log.WaitUntilAsync(() => _world.Cursors[TelegramPollingService.OffsetKey(123456)] == offset.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"offset {offset}");

    [Fact]
    public async Task Only_one_node_polls_and_the_other_takes_over_when_it_stops()
    {
        var first = await TelegramTestHost.StartAsync(_api, _world, TelegramMode.Polling, ShortLeases);
        await _world.Logs.WaitForAsync(PollingStarted);
        await using var second = await TelegramTestHost.StartAsync(_api, _world, TelegramMode.Polling, ShortLeases);
        await _world.Logs.WaitForAsync("runs on another node");

        _api.AddUpdate(TelegramExamples.TextMessage(30, 1, "one"));
        await WaitForOffsetAsync(31);
        Assert.Equal(1, _world.Logs.Count(PollingStarted));

        await first.DisposeAsync();
        await _world.Logs.WaitForAsync(PollingStarted, 2);
        _api.AddUpdate(TelegramExamples.TextMessage(31, 2, "two"));
        await WaitForOffsetAsync(32);

        Assert.Equal(2, _world.Pipeline.Stored.Select(m => m.ExternalId).Distinct().Count());
        Assert.Equal(2, _world.Pipeline.Stored.Count);
    }
}
