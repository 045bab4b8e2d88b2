using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Webhooks;

/// <summary>
/// The durable webhook intake: a connector checks a request's authenticity, calls <see cref="EnqueueAsync"/> (which completes
/// once the request is stored) and answers its provider at once; the slow work (files, names, the pipeline) runs here afterwards.
/// <list type="bullet">
/// <item>Processing starts right after the entry is stored, no polling. Entries of one partition (a sender) are processed one at a
/// time in arrival order; up to <see cref="WebhookIntakeOptions.MaxConcurrency"/> partitions at once.</item>
/// <item>An entry is removed only after its <see cref="IWebhookHandler"/> completed. A failure is retried after a pause that
/// doubles each time; after <see cref="WebhookIntakeOptions.MaxAttempts"/> failures the entry is a dead letter: kept, logged,
/// and shown as degraded in <c>/health/ready</c>.</item>
/// <item>On start, entries left by a previous run (a stop or crash between the acknowledgement and the processing) are processed.</item>
/// <item>On stop, work in progress is cancelled; its entry stays and is processed on the next start.</item>
/// </list>
/// </summary>
public sealed class WebhookIntake(
    IWebhookIntakeStore store,
    IServiceProvider services,
    IOptions<WebhookIntakeOptions> options,
    TimeProvider clock,
    ILogger<WebhookIntake> logger) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<QueuedWebhook>> _partitions = new(StringComparer.Ordinal);
    private readonly HashSet<long> _known = [];
    private readonly HashSet<Task> _runners = [];
    private readonly Dictionary<string, int> _deadLetters = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private SemaphoreSlim? _slots;
    private bool _started;

    /// <summary>Entries waiting or in progress in this process.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _known.Count;
            }
        }
    }

    /// <summary>Dead letters per source (kept in the store, no longer tried).</summary>
    public IReadOnlyDictionary<string, int> DeadLetters
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_deadLetters, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Stores one authentic request; once this completes the provider may be answered. Processing starts at once.</summary>
    public async Task<long> EnqueueAsync(string source, string partition, string payload, CancellationToken cancellationToken)
    {
        var receivedAt = clock.GetUtcNow();
        var id = await store.AddAsync(source, partition, payload, receivedAt, cancellationToken).ConfigureAwait(false);
        Schedule(new QueuedWebhook(id, source, partition, payload, receivedAt));
        return id;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var leftovers = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        var resumed = 0;
        lock (_gate)
        {
            _slots = new SemaphoreSlim(Math.Max(1, options.Value.MaxConcurrency));
            foreach (var entry in leftovers)
            {
                if (entry.Dead)
                {
                    _deadLetters[entry.Source] = _deadLetters.GetValueOrDefault(entry.Source) + 1;
                }
                else if (services.GetKeyedService<IWebhookHandler>(entry.Source) is null)
                {
                    logger.LogWarning("Queued webhook {EntryId} of {Source} is kept but not processed: that connector is off", entry.Id, entry.Source);
                }
                else if (_known.Add(entry.Id))
                {
                    PartitionOf(entry).Add(entry);
                    resumed++;
                }
            }

            foreach (var list in _partitions.Values)
            {
                list.Sort((a, b) => a.Id.CompareTo(b.Id));
            }

            _started = true;
            foreach (var key in _partitions.Keys)
            {
                StartRunner(key);
            }
        }

        if (resumed > 0)
        {
            logger.LogInformation("Processing {Count} webhook request(s) acknowledged before the last stop", resumed);
        }

        foreach (var (source, count) in DeadLetters)
        {
            logger.LogError("{Count} webhook request(s) of {Source} failed too often and are kept as dead letters", count, source);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] runners;
        lock (_gate)
        {
            _started = false;
            runners = [.. _runners];
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(runners).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _slots?.Dispose();
    }

    private static string KeyOf(QueuedWebhook entry) => entry.Source + "\n" + entry.Partition;

    private List<QueuedWebhook> PartitionOf(QueuedWebhook entry)
    {
        var key = KeyOf(entry);
        if (!_partitions.TryGetValue(key, out var list))
        {
            list = [];
            _partitions[key] = list;
        }

        return list;
    }

    private void Schedule(QueuedWebhook entry)
    {
        lock (_gate)
        {
            if (!_known.Add(entry.Id))
            {
                return;
            }

            var fresh = !_partitions.ContainsKey(KeyOf(entry));
            PartitionOf(entry).Add(entry);
            if (_started && fresh && !_stopping.IsCancellationRequested)
            {
                StartRunner(KeyOf(entry));
            }
        }
    }

    private void StartRunner(string key)
    {
        var runner = Task.Run(() => RunPartitionAsync(key));
        _runners.Add(runner);
        _ = runner.ContinueWith(done =>
        {
            lock (_gate)
            {
                _runners.Remove(done);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RunPartitionAsync(string key)
    {
        try
        {
            while (true)
            {
                QueuedWebhook entry;
                lock (_gate)
                {
                    if (!_partitions.TryGetValue(key, out var list) || list.Count == 0 || _stopping.IsCancellationRequested)
                    {
                        if (list is { Count: 0 })
                        {
                            _partitions.Remove(key);
                        }

                        return;
                    }

                    entry = list[0];
                }

                await ProcessAsync(entry, _stopping.Token).ConfigureAwait(false);
                lock (_gate)
                {
                    _partitions[key].RemoveAt(0);
                    _known.Remove(entry.Id);
                }
            }
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            // stopping: the entry stays in the store and is processed on the next start
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The webhook intake stopped processing a partition of {Source}; its entries are processed on the next start",
                key.Split('\n')[0]);
        }
    }

    /// <summary>Tries one entry until it is processed or dead; throws only when stopping.</summary>
    private async Task ProcessAsync(QueuedWebhook entry, CancellationToken stopping)
    {
        var settings = options.Value;
        var attempts = entry.Attempts;
        while (true)
        {
            await _slots!.WaitAsync(stopping).ConfigureAwait(false);
            Exception failure;
            try
            {
                var attempt = attempts + 1;
                var handler = services.GetRequiredKeyedService<IWebhookHandler>(entry.Source);
                await handler.HandleAsync(new WebhookWork(entry, attempt, attempt >= settings.BestEffortAfterAttempts), stopping).ConfigureAwait(false);
                await store.RemoveAsync(entry.Id, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                failure = ex;
            }
            finally
            {
                _slots.Release();
            }

            attempts++;
            var dead = attempts >= settings.MaxAttempts;
            var problem = $"{failure.GetType().Name}: {failure.Message}";
            try
            {
                await store.RecordFailureAsync(entry.Id, attempts, problem, dead, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                logger.LogWarning("Could not note the failed attempt of webhook {EntryId}: {Problem}", entry.Id, ex.Message);
            }

            if (dead)
            {
                logger.LogError(failure, "Webhook request {EntryId} of {Source} failed {Attempts} times and is kept as a dead letter", entry.Id, entry.Source, attempts);
                lock (_gate)
                {
                    _deadLetters[entry.Source] = _deadLetters.GetValueOrDefault(entry.Source) + 1;
                }

                return;
            }

            var pause = RetryDelay(attempts, settings);
            logger.LogWarning("Webhook request {EntryId} of {Source} failed (attempt {Attempts}), tried again in {Pause}: {Problem}",
                entry.Id, entry.Source, attempts, pause, problem);
            await Task.Delay(pause, clock, stopping).ConfigureAwait(false);
        }
    }

    private static TimeSpan RetryDelay(int failures, WebhookIntakeOptions settings)
    {
        var delay = settings.FirstRetryDelay * Math.Pow(2, Math.Min(failures - 1, 30));
        return delay < settings.MaxRetryDelay ? delay : settings.MaxRetryDelay;
    }
}
