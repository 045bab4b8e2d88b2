using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// Nodes starting at once on a database without keys end with one key ring: each node loads its key ring (which makes and
/// stores the first key when there is none) while it holds an advisory lock, so a node that waited for the lock reads the key
/// the other stored instead of making a second one. Two first keys would both be kept, but each node would sign with its own
/// and refuse the other's cookies and tokens until it next re-read the ring (data protection re-reads on an unknown key only
/// in its first minutes, otherwise once a day). Registered before data protection's own start, which would load the ring unlocked.
/// </summary>
public sealed partial class PostgresKeyRingStart(PostgresDatabase database, IDataProtectionProvider protection, ILogger<PostgresKeyRingStart> logger)
    : IHostedService
{
    /// <summary>The advisory lock key; <see cref="PostgresSchema.LockKey"/> is the schema's.</summary>
    public const long LockKey = 0x1_4B0C_5C4F;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand($"SET LOCAL lock_timeout = '30s'; SELECT pg_advisory_xact_lock({LockKey})", connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            // another node holds the lock this long only if it hangs: go on, at worst with a second first key
            LogLockTimedOut(logger);
        }

        // Protecting anything loads the key ring, making and storing the first key when there is none.
        protection.CreateProtector("Inbox.KeyRingStart").Protect([0]);
        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another node held the key-ring lock for 30 s; loading the key ring without it")]
    private static partial void LogLockTimedOut(ILogger logger);
}
