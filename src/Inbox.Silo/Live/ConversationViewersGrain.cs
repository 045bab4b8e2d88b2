using Inbox.Domain;
using Inbox.Domain.Live;
using Microsoft.Extensions.Logging;

namespace Inbox.Silo.Live;

/// <summary>
/// Who has one conversation open, in memory only: after the grain moves, each node's next renewal lists its consoles again.
/// A change is pushed to every web node through the same list of subscribed nodes that live events use
/// (<see cref="ILiveSubscribersGrain"/>). A timer runs only while someone is listed, to end typing signals and drop consoles
/// whose node stopped renewing them.
/// </summary>
public sealed class ConversationViewersGrain(TimeProvider clock, ILogger<ConversationViewersGrain> logger) : Grain, IConversationViewersGrain
{
    private static readonly TimeSpan TickEvery = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, Entry> _consoles = new(StringComparer.Ordinal);
    private IReadOnlyList<ConversationViewer> _lastSent = [];
    private long _version;
    private IGrainTimer? _timer;

    private sealed record Entry(string Node, Guid OperatorId, string Name, DateTimeOffset Seen, DateTimeOffset? TypingUntil);

    public async Task<ConversationViewers> ViewAsync(string node, string connectionId, Guid operatorId, string name)
    {
        var now = clock.GetUtcNow();
        _consoles[connectionId] = new Entry(node, operatorId, name, now, _consoles.GetValueOrDefault(connectionId)?.TypingUntil);
        EnsureTimer();
        await PushIfChangedAsync();
        return Current();
    }

    public Task LeaveAsync(string connectionId) => _consoles.Remove(connectionId) ? PushIfChangedAsync() : Task.CompletedTask;

    public Task TypingAsync(string connectionId)
    {
        if (_consoles.GetValueOrDefault(connectionId) is not { } entry)
        {
            return Task.CompletedTask; // typing in a conversation it did not open (or left): nothing to show
        }

        var now = clock.GetUtcNow();
        _consoles[connectionId] = entry with { Seen = now, TypingUntil = now + IConversationViewersGrain.TypingLifetime };
        return PushIfChangedAsync();
    }

    public Task RenewAsync(string node, IReadOnlyList<string> connectionIds)
    {
        var now = clock.GetUtcNow();
        foreach (var (id, entry) in _consoles.Where(c => c.Value.Node == node).ToList())
        {
            if (connectionIds.Contains(id))
            {
                _consoles[id] = entry with { Seen = now };
            }
            else
            {
                _consoles.Remove(id);
            }
        }

        return PushIfChangedAsync();
    }

    public Task<ConversationViewers> GetAsync() => Task.FromResult(Current());

    private ConversationViewers Current()
    {
        var now = clock.GetUtcNow();
        var viewers = _consoles.Values
            .GroupBy(e => e.OperatorId)
            .Select(g => new ConversationViewer(g.Key, g.First().Name, g.Any(e => e.TypingUntil > now)))
            .OrderBy(v => v.Name, StringComparer.CurrentCulture)
            .ThenBy(v => v.OperatorId)
            .ToList();
        return new ConversationViewers(this.GetPrimaryKey(), viewers, _version);
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var oldest = clock.GetUtcNow() - IConversationViewersGrain.ViewerLifetime;
        foreach (var stale in _consoles.Where(c => c.Value.Seen < oldest).Select(c => c.Key).ToList())
        {
            logger.LogInformation("Console {ConnectionId} no longer counts as viewing conversation {ConversationId}: its node stopped renewing it",
                stale, this.GetPrimaryKey());
            _consoles.Remove(stale);
        }

        await PushIfChangedAsync();
        if (_consoles.Count == 0)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void EnsureTimer() =>
        _timer ??= this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TickEvery, TickEvery) { KeepAlive = true });

    /// <summary>Tells every web node, when the list of viewers (or who is typing) differs from what was last told.</summary>
    private async Task PushIfChangedAsync()
    {
        var current = Current();
        if (current.Viewers.SequenceEqual(_lastSent))
        {
            return;
        }

        // Time-based, so that it keeps growing after the grain moves or restarts.
        _version = Math.Max(_version + 1, clock.GetUtcNow().UtcTicks);
        current = current with { Version = _version };
        _lastSent = current.Viewers;
        try
        {
            // Each node on its own: one that is gone never keeps the others from hearing.
            var nodes = await GrainFactory.Reference<ILiveSubscribersGrain>(0).GetSubscribersAsync();
            await Task.WhenAll(nodes.Select(node => node.OnViewersAsync(current)));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not tell the web nodes who views conversation {ConversationId}", this.GetPrimaryKey());
        }
    }
}
