using System.Collections.Concurrent;

namespace Inbox.Silo.Customers;

/// <summary>
/// What this node has seen attached already: a customer that holds an identity (and, when the sender gave one, a name) needs
/// no <c>AttachAsync</c> for the next message from it, so a known customer's message makes one grain call fewer. The owner
/// is part of the key, so a merge or an unmerge (the identity's owner changes) is a new entry. Bounded: past
/// <see cref="Capacity"/> entries it starts again empty, which costs one attach per customer.
/// </summary>
public sealed class AttachedIdentities
{
    public const int Capacity = 50_000;

    private readonly ConcurrentDictionary<(Guid Customer, string Identities, bool Named), byte> _seen = new();

    public bool Contains(Guid customerId, string identities, bool named) => _seen.ContainsKey((customerId, identities, named));

    public void Add(Guid customerId, string identities, bool named)
    {
        if (_seen.Count >= Capacity)
        {
            _seen.Clear();
        }

        _seen.TryAdd((customerId, identities, named), 0);
    }
}
