using Inbox.Web.Auth;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Live;

/// <summary>
/// Closes the live console connections whose session no longer stands (logged out, expired, the operator disabled or
/// deleted): at once when this node ends a session (<see cref="CheckNow"/>), and every
/// <see cref="AuthOptions.ConnectionCheckInterval"/> for sessions ended on another node.
/// </summary>
public sealed class ConsoleSessionSweeper(ConsoleConnections connections, SessionValidator validator, IOptions<AuthOptions> options,
    ILogger<ConsoleSessionSweeper> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Asks for a check now, without waiting for it.</summary>
    public void CheckNow()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // a check is already due
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(options.Value.ConnectionCheckInterval, stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Checking the console connections' sessions failed; trying again");
            }
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var connection in connections.All())
        {
            var standing = connection.SessionId is { } sessionId && await validator.CheckAsync(sessionId, connection.OperatorId, cancellationToken) is not null;
            if (!standing)
            {
                logger.LogInformation("Closing console connection {ConnectionId} of operator {OperatorId}: its session has ended", connection.ConnectionId, connection.OperatorId);
                connections.Remove(connection.ConnectionId);
                connection.Abort();
            }
        }
    }
}
