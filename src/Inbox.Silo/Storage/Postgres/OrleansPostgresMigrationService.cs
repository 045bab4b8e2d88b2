using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// Applies <see cref="OrleansPostgresMigration"/> as the host starts. It is registered first among the hosted services, so
/// it has finished before the silo starts and Orleans' providers read their queries. It first waits for PostgreSQL to be reachable
/// (<see cref="PostgresStartup"/>).
/// </summary>
public sealed partial class OrleansPostgresMigrationService(string connectionString, TimeSpan startTimeout, ILogger<OrleansPostgresMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await Task.Run(() => PostgresStartup.WaitUntilReachable(dataSource, startTimeout, logger, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        await OrleansPostgresMigration.ApplyAsync(connectionString, cancellationToken).ConfigureAwait(false);
        LogApplied(logger, OrleansPostgresSchema.Queries.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Orleans' PostgreSQL tables are in place ({QueryCount} named queries).")]
    private static partial void LogApplied(ILogger logger, int queryCount);
}
