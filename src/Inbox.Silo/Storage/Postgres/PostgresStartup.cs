using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// A node that starts while PostgreSQL is still starting, restarting or unreachable (a compose stack coming up, a failover)
/// waits for it instead of stopping: it tries to connect with a growing pause (1 s doubling up to 10 s) and a warning each
/// time, for at most <c>Storage:Postgres:StartTimeout</c>. What waiting cannot fix stops the start at once: a wrong
/// password, a database that does not exist, a malformed connection string.
/// </summary>
public static partial class PostgresStartup
{
    /// <summary>
    /// Synchronous, as the store's schema is brought up to date while the host builds its services; an async caller runs
    /// it on the thread pool.
    /// </summary>
    public static void WaitUntilReachable(NpgsqlDataSource dataSource, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var pause = TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = dataSource.OpenConnection();
                if (attempt > 1)
                {
                    LogReachable(logger, PostgresStoreName.Of(dataSource.ConnectionString), clock.Elapsed.TotalSeconds);
                }

                return;
            }
            catch (Exception ex) when (IsWorthWaitingFor(ex) && clock.Elapsed + pause < timeout)
            {
                LogWaiting(logger, PostgresStoreName.Of(dataSource.ConnectionString), ex.Message, pause.TotalSeconds, attempt);
            }
            catch (Exception ex) when (IsWorthWaitingFor(ex))
            {
                throw new InvalidOperationException(
                    $"{PostgresStoreName.Of(dataSource.ConnectionString)} was not reachable within {PostgresOptions.SectionName}:StartTimeout ({timeout.TotalSeconds:0} s): {ex.Message}", ex);
            }

            if (cancellationToken.WaitHandle.WaitOne(pause))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
        }
    }

    /// <summary>The server is down, starting, refusing connections or out of connections; not a refusal of who we are.</summary>
    public static bool IsWorthWaitingFor(Exception error) => error switch
    {
        PostgresException postgres => postgres.IsTransient || postgres.SqlState is "57P01" or "57P02" or "57P03",
        NpgsqlException npgsql => npgsql.IsTransient,
        System.Net.Sockets.SocketException => true,
        TimeoutException => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Store} is not reachable yet: {Error}; trying again in {PauseSeconds} s (attempt {Attempt})")]
    private static partial void LogWaiting(ILogger logger, string store, string error, double pauseSeconds, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Store} is reachable after {Seconds:0} s")]
    private static partial void LogReachable(ILogger logger, string store, double seconds);
}
