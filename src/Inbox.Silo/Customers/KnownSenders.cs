using System.Collections.Concurrent;

namespace Inbox.Silo.Customers;

/// <summary>
/// What this node learned about senders it resolved: an identity's owner, attached to that customer (with a name when
/// <c>Named</c>). A known customer's next message then needs no look-up in the identity index and no attach: its only grain call is
/// its conversation's. The identity index (<see cref="Domain.Customers.IIdentityOwners"/>) stays the truth:
/// <list type="bullet">
/// <item>A merge or an unmerge clears this node's list at once (<see cref="Forget"/>, from the customer grain), and every
/// other node's when it hears the live event (<c>conversation.merged</c>); an entry lives <see cref="Lifetime"/> at most,
/// in case a node missed that event. Each entry's life is drawn between half and all of it, so that the senders a node
/// learned in one burst (the first minute of a busy start) are not all asked again in the same moment a minute later.</item>
/// <item>An entry left over from before a merge is still right: the merged customer's conversation hands its messages to
/// the survivor. One left over from before an unmerge is not, which is why entries do not live long.</item>
/// </list>
/// Bounded: once per <see cref="Lifetime"/> the next sender learned first removes the entries that have expired (one pass
/// over the list, on that one request's thread), so it holds about a minute of senders; past <see cref="Capacity"/>
/// entries, more than a minute brings, it starts again empty. The entries are counted beside the dictionary: a
/// <see cref="ConcurrentDictionary{TKey,TValue}"/>'s own count takes every one of its locks, and with every first message
/// asking it that was 2% of the process's CPU.
/// The dictionary is made at its full size and never grows: growing one copies every entry while holding all of its locks,
/// and on a node taking first messages from thousands of new customers a second every learn waited out each doubling (up
/// to 22 ms, docs/benchmark-rounds.md, twenty-second round). A clear starts over at the full size too, which a dictionary's own
/// clear does not.
/// </summary>
/// <param name="clock">The time entries are learned and expire by; the system's unless a test gives its own.</param>
public sealed class KnownSenders(TimeProvider? clock = null)
{
    public const int Capacity = 200_000;

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    /// <summary>The dictionary's lock stripes: fixed, as it never grows (a growing one adds stripes as it grows).</summary>
    private const int LockStripes = 64;

    private volatile ConcurrentDictionary<string, Entry> _entries = NewEntries();
    private long _epoch;
    private int _count;
    private long _nextSweep = long.MinValue;

    /// <summary>Taken before asking the identity index: what was asked before a <see cref="Forget"/> is not kept.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    /// <summary>The customer that owns <paramref name="identity"/> and holds it (and a name, when <paramref name="named"/>), if known here.</summary>
    public Guid? Find(string identity, bool named)
    {
        if (!_entries.TryGetValue(identity, out var entry) || _clock.GetTimestamp() >= entry.ExpiresAt || (named && !entry.Named))
        {
            return null;
        }

        return entry.CustomerId;
    }

    /// <summary>Keeps what the identity index and the customer grain said, unless the list was forgotten since <paramref name="epoch"/>.</summary>
    public void Learn(string identity, Guid customerId, bool named, long epoch)
    {
        var now = _clock.GetTimestamp();
        var due = Interlocked.Read(ref _nextSweep);
        if (now >= due && Interlocked.CompareExchange(ref _nextSweep, now + Ticks(Lifetime), due) == due)
        {
            RemoveExpired(now);
        }

        if (Volatile.Read(ref _count) >= Capacity)
        {
            Clear();
        }

        if (Epoch != epoch)
        {
            return;
        }

        var life = Lifetime * (0.5 + (Random.Shared.NextDouble() / 2));
        var entry = new Entry(customerId, named, now + Ticks(life));
        var entries = _entries;
        if (entries.TryAdd(identity, entry))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            entries[identity] = entry;
        }
    }

    /// <summary>Identities may have changed owners (a merge or an unmerge): everything is asked again.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref _epoch);
        Clear();
    }

    /// <summary>How many identities are known here (at most <see cref="Capacity"/>).</summary>
    public int Count => _entries.Count;

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _clock.TimestampFrequency);

    /// <summary>Removes the entries expired at <paramref name="now"/>; one learned again meanwhile stays (it is another value).</summary>
    private void RemoveExpired(long now)
    {
        var entries = _entries;
        foreach (var pair in entries)
        {
            if (now >= pair.Value.ExpiresAt && entries.TryRemove(pair))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    private void Clear()
    {
        _entries = NewEntries();
        Volatile.Write(ref _count, 0);
    }

    /// <summary>
    /// Room for <see cref="Capacity"/> entries with a quarter to spare: the dictionary grows when one stripe's entries pass its
    /// share of the buckets, and the stripes fill unevenly.
    /// </summary>
    private static ConcurrentDictionary<string, Entry> NewEntries() =>
        new(LockStripes, Capacity + (Capacity / 4), StringComparer.Ordinal);

    /// <param name="ExpiresAt">The clock's timestamp from which the entry is no longer used.</param>
    private sealed record Entry(Guid CustomerId, bool Named, long ExpiresAt);
}
