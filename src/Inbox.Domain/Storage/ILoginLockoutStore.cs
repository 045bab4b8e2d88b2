using Inbox.Domain.Operators;

namespace Inbox.Domain.Storage;

/// <summary>Failed logins per login and per client address, durable so that a lockout survives a restart until it ends or an admin lifts it.</summary>
public interface ILoginLockoutStore
{
    Task<LoginLockout?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts one failure under <paramref name="key"/> (starting a new window when the last began before <paramref name="windowStart"/>),
    /// and locks the key until <paramref name="lockUntil"/> once it has <paramref name="maxFailures"/>.
    /// </summary>
    Task<LoginLockout> RecordFailureAsync(string key, DateTimeOffset now, DateTimeOffset windowStart, int maxFailures, DateTimeOffset lockUntil,
        CancellationToken cancellationToken = default);

    /// <summary>Forgets the key's failures and lifts its lockout; false when there was nothing to lift.</summary>
    Task<bool> ClearAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The keys locked at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<LoginLockout>> ListLockedAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Deletes the keys whose window began before <paramref name="windowStart"/> and that are not locked at <paramref name="now"/>.</summary>
    Task<int> PurgeAsync(DateTimeOffset windowStart, DateTimeOffset now, CancellationToken cancellationToken = default);
}
