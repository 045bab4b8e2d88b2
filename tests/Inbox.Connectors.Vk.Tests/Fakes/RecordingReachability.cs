using Inbox.Identity;
namespace Inbox.Connectors.Vk.Tests.Fakes;

public sealed class RecordingReachability : IIdentityReachability
{
    private readonly Lock _gate = new();
    private readonly List<(ChannelIdentity Identity, bool Reachable, string? Reason)> _calls = [];

    public IReadOnlyList<(ChannelIdentity Identity, bool Reachable, string? Reason)> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The last state reported for an identity, or null when none was.</summary>
    public bool? StateOf(string identity) => Calls.LastOrDefault(c => c.Identity.ToString() == identity) is { Identity: not null } last ? last.Reachable : null;

    public Task SetReachableAsync(ChannelIdentity identity, bool reachable, string? reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _calls.Add((identity, reachable, reason));
        }

        return Task.CompletedTask;
    }
}
