using Inbox.Identity;

namespace Inbox.Connectors.Testing;

/// <summary>Records every reachability change the connector reports; given an <see cref="EventLog"/> it logs each ("reachable:identity=bool").</summary>
public sealed class RecordingReachability(EventLog? log = null) : IIdentityReachability
{
    private readonly Lock _gate = new();
    private readonly List<(ChannelIdentity Identity, bool Reachable, string? Reason)> _calls = [];
    private readonly List<string> _channels = [];

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

    /// <summary>The channel of each change in <see cref="Calls"/>, in the same order.</summary>
    public IReadOnlyList<string> Channels
    {
        get
        {
            lock (_gate)
            {
                return [.. _channels];
            }
        }
    }

    /// <summary>The last state reported for an identity, or null when none was.</summary>
    public bool? StateOf(string identity) => Calls.LastOrDefault(c => c.Identity.ToString() == identity) is { Identity: not null } last ? last.Reachable : null;

    public Task SetReachableAsync(string channel, ChannelIdentity identity, bool reachable, string? reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _calls.Add((identity, reachable, reason));
            _channels.Add(channel);
        }

        log?.Add($"reachable:{identity}={reachable}");
        return Task.CompletedTask;
    }
}
