using System.Diagnostics.Metrics;
using Inbox.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Silo.Tests;

/// <summary>The store writer's counts as a listener (dotnet-counters, OpenTelemetry) reads them from the meter <c>Inbox.Storage</c>.</summary>
public sealed class StoreWriterMetricsTests
{
    [Fact]
    public async Task A_listener_reads_the_writes_and_transactions_the_writer_committed()
    {
        await using var store = await StoreFactory.StartAsync();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _ = new StoreWriterMetrics(services.GetRequiredService<IMeterFactory>(), store.Writer);
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => store.Conversations.CommitAsync(Samples.Inbound(Guid.NewGuid(), 1, $"metric-{i}"))));

        var read = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == StoreWriterMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => read[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal(store.Writer.WritesCommitted, read["inbox.store.writes"]);
        Assert.True(read["inbox.store.writes"] >= 12, $"{read["inbox.store.writes"]} writes");
        Assert.Equal(store.Writer.TransactionsCommitted, read["inbox.store.transactions"]);
        Assert.InRange(read["inbox.store.transactions"], 1, read["inbox.store.writes"]);
        Assert.Equal(0, read["inbox.store.batches"]); // SQLite runs each statement at once
        Assert.Equal(0, read["inbox.store.groups_run_again"]);
    }
}
