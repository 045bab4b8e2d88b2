using Inbox.Identity;

namespace Inbox.Connectors.Testing;

/// <summary>Records every reachability change the connector reports; given an <see cref="EventLog"/> it logs each ("reachable:identity=bool").</summary>
public sealed class RecordingReachability(EventLog? log = null) : IIdentityReachability
{
    private readonly Lock _gate = new();
    private readonly List<(ChannelIdentity Identity, bool Reachable, string? Reason)> _calls = [];

    /// <summary>Every change reported, in order.</summary>
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

        log?.Add($"reachable:{identity}={reachable}");
        return Task.CompletedTask;
    }
}
