using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Leases;

/// <summary>
/// Runs a connector's loop on one node of the cluster at a time (Telegram polling, VK Long Poll, IMAP, Asterisk AMI).
/// Every node calls <see cref="RunAsync"/>; the node that holds the loop's lease runs it and renews the lease every
/// <see cref="ClusterSingletonOptions.RenewInterval"/>, the others ask for the lease as often. The loop is stopped when
/// the lease is lost (another owner has it) or cannot be renewed before it would expire, so two nodes never run it at once
/// while their clocks agree; when its owner dies, another node takes the loop over within <see cref="ClusterSingletonOptions.Duration"/>.
/// </summary>
public sealed class ClusterSingleton(IConnectorLeases leases, IOptions<ClusterSingletonOptions> options, TimeProvider clock, ILogger<ClusterSingleton> logger)
{
    /// <summary>This node's name as a lease owner: unique per process start.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Runs <paramref name="loop"/> whenever this node holds the lease <paramref name="name"/>, until <paramref name="stoppingToken"/> fires.</summary>
    /// <param name="loop">The connector's loop; it ends when its token is cancelled.</param>
    public async Task RunAsync(string name, Func<CancellationToken, Task> loop, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var waiting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var asked = clock.GetUtcNow();
            if (!await TryAcquireAsync(name, settings.Duration, stoppingToken))
            {
                if (!waiting)
                {
                    logger.LogInformation("{Loop} runs on another node; this node takes it over if that one stops", name);
                    waiting = true;
                }

                if (!await PauseAsync(settings.RenewInterval, stoppingToken))
                {
                    return;
                }

                continue;
            }

            waiting = false;
            logger.LogInformation("This node runs {Loop} for the cluster", name);
            await RunOwnedAsync(name, loop, asked + settings.Duration, settings, stoppingToken);
            try
            {
                await leases.ReleaseAsync(name, Owner, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not give up the lease of {Loop}; another node takes it when it expires", name);
            }

            if (!stoppingToken.IsCancellationRequested && !await PauseAsync(settings.RenewInterval, stoppingToken))
            {
                return;
            }
        }
    }

    private async Task RunOwnedAsync(string name, Func<CancellationToken, Task> loop, DateTimeOffset heldUntil, ClusterSingletonOptions settings, CancellationToken stoppingToken)
    {
        using var owned = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var running = Task.Run(() => loop(owned.Token), CancellationToken.None);
        while (!running.IsCompleted && !stoppingToken.IsCancellationRequested)
        {
            await Task.WhenAny(running, Task.Delay(settings.RenewInterval, clock, stoppingToken)).ConfigureAwait(false);
            if (running.IsCompleted || stoppingToken.IsCancellationRequested)
            {
                break;
            }

            var asked = clock.GetUtcNow();
            try
            {
                if (await leases.TryAcquireAsync(name, Owner, settings.Duration, stoppingToken))
                {
                    heldUntil = asked + settings.Duration;
                    continue;
                }

                logger.LogWarning("Another node took over {Loop}; it stops here", name);
                break;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (clock.GetUtcNow() + settings.RenewInterval >= heldUntil)
                {
                    logger.LogWarning(ex, "The lease of {Loop} cannot be renewed before it expires; it stops here so that another node may run it", name);
                    break;
                }

                logger.LogWarning(ex, "Could not renew the lease of {Loop}; trying again in {Interval}", name, settings.RenewInterval);
            }
        }

        await owned.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException) when (owned.IsCancellationRequested)
        {
            // stopped
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Loop} failed; the lease is given up and taken again", name);
        }
    }

    private async Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken stoppingToken)
    {
        try
        {
            return await leases.TryAcquireAsync(name, Owner, duration, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not ask for the lease of {Loop}", name);
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> PauseAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, clock, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
