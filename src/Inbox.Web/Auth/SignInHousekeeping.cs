using Inbox.Domain.Storage;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Auth;

/// <summary>
/// Keeps the sign-in tables small: hourly, deletes sessions that expired more than a day ago (a refused token is refused
/// all the same: an unknown session is no session) and failed-login counts whose window is over and which lock nothing.
/// </summary>
public sealed class SignInHousekeeping(ISessionStore sessions, ILoginLockoutStore lockouts, IOptions<AuthOptions> options, TimeProvider clock,
    ILogger<SignInHousekeeping> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    public static readonly TimeSpan KeepExpired = TimeSpan.FromDays(1);

    /// <summary>One round; returns the sessions and failure counts deleted.</summary>
    public async Task<(int Sessions, int Failures)> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return (await sessions.PurgeAsync(now - KeepExpired, cancellationToken),
            await lockouts.PurgeAsync(now - options.Value.FailureWindow, now, cancellationToken));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            do
            {
                try
                {
                    await PurgeAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Deleting expired sessions and old failed-login counts failed; trying again in an hour");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
