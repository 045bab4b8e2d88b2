using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace Inbox.Silo.Storage;

/// <summary>
/// The store writer's counts as metrics of the meter <see cref="MeterName"/>, read when a listener asks (for instance
/// <c>dotnet-counters monitor -p &lt;pid&gt; --counters Inbox.Storage</c>): the writes per transaction show how well they
/// group, and groups run again show redelivered messages, refused steps and failing writes.
/// </summary>
public sealed class StoreWriterMetrics : IHostedService
{
    public const string MeterName = "Inbox.Storage";

    public StoreWriterMetrics(IMeterFactory meters, IStoreWriterCounts writer)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(writer);
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("inbox.store.transactions", () => writer.TransactionsCommitted, "{transaction}",
            "Transactions the store's writer committed, one a group of writes");
        meter.CreateObservableCounter("inbox.store.writes", () => writer.WritesCommitted, "{write}",
            "Writes the store's writer ran in those transactions");
        meter.CreateObservableCounter("inbox.store.batches", () => writer.StatementsSentTogether, "{batch}",
            "Times the writer sent a group's gathered statements in one round trip (PostgreSQL)");
        meter.CreateObservableCounter("inbox.store.groups_run_again", () => writer.GroupsRunAgain, "{group}",
            "Groups rolled back and run again write by write: a write failed, or a gathered statement changed other rows than expected");
    }

    /// <summary>Nothing to start: the host builds this service at start, which makes the instruments.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
