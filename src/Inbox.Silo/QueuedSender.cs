using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Inbox.Silo;

/// <summary>
/// Sends what the grains hand over from one loop, one item at a time and in order, so a grain never waits for a node.
/// The host starts the loop; items queued before it starts wait in the queue. At stop it takes no more and sends what is queued.
/// </summary>
public abstract class QueuedSender<T> : IHostedService, IAsyncDisposable
{
    private readonly Channel<T> _queue = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private Task? _loop;

    protected void Enqueue(T item) => _queue.Writer.TryWrite(item);

    /// <summary>Sends one item; an exception is the sender's to log, the loop goes on.</summary>
    protected abstract Task SendAsync(T item);

    private async Task RunAsync()
    {
        await foreach (var item in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await SendAsync(item).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the sending loop.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _loop ??= Task.Run(RunAsync, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>Takes no more items and waits until the queued ones are sent (or given up on).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        Task? loop;
        lock (_gate)
        {
            loop = _loop;
        }

        if (loop is not null)
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}
