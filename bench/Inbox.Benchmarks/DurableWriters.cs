namespace Inbox.Benchmarks;

/// <summary>The baseline server's two durable writers, each on its own connection to the same store: one per <see cref="DurableTable"/>.</summary>
public sealed class DurableWriters(DurableWriter plain, DurableWriter indexed) : IAsyncDisposable
{
    public DurableWriter For(DurableTable table) => table == DurableTable.IndexedByCustomer ? indexed : plain;

    public static async Task<DurableWriters> OpenAsync(DurableTarget target, CancellationToken cancellationToken)
    {
        var plain = await DurableWriter.OpenAsync(target, DurableTable.Plain, cancellationToken);
        try
        {
            return new DurableWriters(plain, await DurableWriter.OpenAsync(target, DurableTable.IndexedByCustomer, cancellationToken));
        }
        catch
        {
            await plain.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await plain.DisposeAsync();
        await indexed.DisposeAsync();
    }
}
