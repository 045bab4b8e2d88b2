using Inbox.Identity;
namespace Inbox.Connectors.Telegram.Tests.Infrastructure;

public sealed class RecordingReachability(EventLog log) : IIdentityReachability
{
    private readonly List<(ChannelIdentity Identity, bool Reachable, string? Reason)> _changes = [];

    public IReadOnlyList<(ChannelIdentity Identity, bool Reachable, string? Reason)> Changes
    {
        get
        {
            lock (_changes)
            {
                return [.. _changes];
            }
        }
    }

    public Task SetReachableAsync(ChannelIdentity identity, bool reachable, string? reason, CancellationToken cancellationToken)
    {
        lock (_changes)
        {
            _changes.Add((identity, reachable, reason));
        }

        log.Add($"reachable:{identity}={reachable}");
        return Task.CompletedTask;
    }
}
