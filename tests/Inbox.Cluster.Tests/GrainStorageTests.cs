using Inbox.Silo;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace Inbox.Cluster.Tests;

/// <summary>Orleans' ADO.NET grain storage, as Inbox registers it, on our tables and queries: state and ETags.</summary>
[Collection(PostgresCollection.Name)]
public sealed class GrainStorageTests(PostgresServer postgres)
{
    private const string StateName = "counter";

    [Fact]
    public async Task State_is_written_and_read_with_etags_and_a_stale_etag_is_refused()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync(database, "storage-test");
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(InboxStorage.GrainStorageName);
        var grain = GrainId.Create("counter", "a");

        var missing = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateName, grain, missing);
        Assert.False(missing.RecordExists);
        Assert.Null(missing.ETag);

        var writer = new GrainState<CounterState>(new CounterState { Value = 1, Note = "первый" });
        await storage.WriteStateAsync(StateName, grain, writer);
        Assert.True(writer.RecordExists);
        Assert.False(string.IsNullOrEmpty(writer.ETag));

        // A second activation that never read the state cannot write over it.
        var blind = new GrainState<CounterState>(new CounterState { Value = 99 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, blind));

        var reader = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateName, grain, reader);
        Assert.True(reader.RecordExists);
        Assert.Equal(writer.ETag, reader.ETag);
        Assert.Equal(1, reader.State!.Value);
        Assert.Equal("первый", reader.State!.Note);

        var firstETag = writer.ETag;
        writer.State!.Value = 2;
        await storage.WriteStateAsync(StateName, grain, writer);
        Assert.NotEqual(firstETag, writer.ETag);

        // The reader's ETag is stale now: its write and its clear are refused and change nothing.
        reader.State!.Value = 3;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, reader));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grain, reader));
        var current = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateName, grain, current);
        Assert.Equal(2, current.State!.Value);
        Assert.Equal(writer.ETag, current.ETag);

        // Another grain's state is its own row.
        var other = new GrainState<CounterState>(new CounterState { Value = 7 });
        await storage.WriteStateAsync(StateName, GrainId.Create("counter", "b"), other);
        await storage.ReadStateAsync(StateName, grain, current);
        Assert.Equal(2, current.State!.Value);

        // Cleared with the current ETag: the state reads back empty, and the grain can write again from there.
        await storage.ClearStateAsync(StateName, grain, writer);
        var cleared = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateName, grain, cleared);
        Assert.Equal(0, cleared.State!.Value);
        Assert.Equal(writer.ETag, cleared.ETag);
        cleared.State!.Value = 5;
        await storage.WriteStateAsync(StateName, grain, cleared);
        await storage.ReadStateAsync(StateName, grain, current);
        Assert.Equal(5, current.State!.Value);
    }
}
