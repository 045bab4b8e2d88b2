using System.Collections.Concurrent;
using Inbox.Identity;

namespace Inbox.Connectors.Twilio.Tests.Infrastructure;

public sealed class RecordingReachability : IIdentityReachability
{
    public ConcurrentQueue<(ChannelIdentity Identity, bool Reachable, string? Reason)> Calls { get; } = new();

    public Task SetReachableAsync(ChannelIdentity identity, bool reachable, string? reason, CancellationToken cancellationToken)
    {
        Calls.Enqueue((identity, reachable, reason));
        return Task.CompletedTask;
    }
}
