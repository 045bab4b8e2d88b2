using System.Threading.Channels;
using Inbox.Domain.Calls;
using Inbox.Domain.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inbox.Silo.Live;

/// <summary>
/// Sends committed events from this silo to every subscribed web node, one at a time and in the order they
/// were committed. The list of nodes is asked from <see cref="ILiveSubscribersGrain"/> and kept for a few seconds.
/// Delivery is best effort: a node that misses an event sees the gap in the sequence and asks the store.
/// The host starts the sending loop; events published before it starts wait in the queue.
/// </summary>
public sealed class LiveEventPublisher : ILiveEventPublisher, IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan ListLifetime = TimeSpan.FromSeconds(3);

    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _clock;
    private readonly ILogger<LiveEventPublisher> _logger;
    private readonly Lock _gate = new();
    private Task? _loop;
    private IReadOnlyList<ILiveEventObserver> _subscribers = [];
    private DateTimeOffset _listFetchedAt = DateTimeOffset.MinValue;

    public LiveEventPublisher(IGrainFactory grains, TimeProvider clock, ILogger<LiveEventPublisher> logger)
    {
        _grains = grains;
        _clock = clock;
        _logger = logger;
    }

    public void Publish(LiveEvent liveEvent) => _queue.Writer.TryWrite(liveEvent);

    public void PublishCall(CallPop pop) => _queue.Writer.TryWrite(pop);

    private async Task RunAsync()
    {
        await foreach (var item in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (_clock.GetUtcNow() - _listFetchedAt > ListLifetime)
                {
                    _subscribers = await _grains.GetGrain<ILiveSubscribersGrain>(0).GetSubscribersAsync().ConfigureAwait(false);
                    _listFetchedAt = _clock.GetUtcNow();
                }

                foreach (var subscriber in _subscribers)
                {
                    await (item is CallPop pop ? subscriber.OnCallAsync(pop) : subscriber.OnEventAsync((LiveEvent)item)).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "A live push ({Kind}) was not delivered; consoles catch up by sequence", item.GetType().Name);
            }
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

    /// <summary>Takes no more events and waits until the queued ones are sent (or given up on).</summary>
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

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);
}
