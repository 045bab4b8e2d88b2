using System.Text.Json;
using Inbox.Domain;
using Inbox.Domain.Sla;
using Inbox.Domain.Storage;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Sla;

/// <summary>
/// The SLA policies in force (<see cref="ISlaPolicies"/>): the document supervisors wrote (<c>sla_policies</c>) once there is
/// one, the <c>Sla</c> settings until then (the settings never seed or overwrite the store). Read again from the store at most
/// <see cref="RefreshInterval"/> after the last read, so a write on another node is seen within it; a write here at once.
/// </summary>
public sealed class SlaPolicies(ISlaStore store, IOptions<SlaOptions> settings, SlaCatalog fromSettings, TimeProvider clock) : ISlaPolicies
{
    /// <summary>How long a node keeps the policies it read.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private (SlaPolicySet Set, DateTimeOffset ReadAt)? _cached;

    public async Task<SlaCatalog> CurrentAsync(CancellationToken cancellationToken = default) => (await ReadAsync(cancellationToken)).Catalog;

    public async Task<SlaPolicySet> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (_cached is { } cached && clock.GetUtcNow() - cached.ReadAt < RefreshInterval)
        {
            return cached.Set;
        }

        await _reading.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (_cached is { } again && now - again.ReadAt < RefreshInterval)
            {
                return again.Set;
            }

            var set = await LoadAsync(cancellationToken);
            _cached = (set, now);
            return set;
        }
        finally
        {
            _reading.Release();
        }
    }

    public async Task<IReadOnlyList<string>> ReplaceAsync(SlaOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.CheckInterval = settings.Value.CheckInterval; // a node's setting, not part of the policies
        if (SlaCatalog.Read(options, out var problems) is not { } catalog)
        {
            return problems;
        }

        var now = clock.GetUtcNow();
        await store.SavePoliciesAsync(JsonSerializer.Serialize(options, InboxJson.Options), now, cancellationToken);
        _cached = (new SlaPolicySet(catalog, options, SlaPolicySet.FromStore, now), now);
        return [];
    }

    private async Task<SlaPolicySet> LoadAsync(CancellationToken cancellationToken)
    {
        if (await store.GetPoliciesAsync(cancellationToken) is not { } stored)
        {
            return new SlaPolicySet(fromSettings, settings.Value, SlaPolicySet.FromSettings, null);
        }

        var options = JsonSerializer.Deserialize<SlaOptions>(stored.Document, InboxJson.Options) ?? new SlaOptions();
        options.CheckInterval = settings.Value.CheckInterval;
        // Checked when written; read again here on this machine's zone database (a zone it lacks is refused at start too).
        var catalog = SlaCatalog.Read(options, out var problems)
            ?? throw new InvalidOperationException("The stored SLA policies cannot be read: " + string.Join(" ", problems));
        return new SlaPolicySet(catalog, options, SlaPolicySet.FromStore, stored.UpdatedAt);
    }
}
