using Inbox.Domain;
using Inbox.Identity;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Storage;
using Inbox.Silo.Customers;

namespace Inbox.Silo.Grains;

/// <summary>
/// A customer: its name, identities, merges and reachability. A customer made by its first message is written only as its
/// directory row then, with the message (<see cref="Customers.CustomerResolver"/>), without starting this grain: when it
/// first starts, it reads its name and identities from that row, and its state is written at its first change.
/// </summary>
public sealed class CustomerGrain(
    [PersistentState("customer", InboxStorage.GrainStorageName)] IPersistentState<CustomerState> state,
    ICustomerDirectory directory,
    IIdentityOwners owners,
    KnownSenders knownSenders,
    TimeProvider clock) : ShortLivedGrain, ICustomerGrain
{
    /// <summary>Set when the customer has no state yet but its directory row (a customer made by its first message).</summary>
    private bool _listed;

    /// <summary>Whether the customer exists: it has its state, or its directory row.</summary>
    private bool Exists => state.RecordExists || _listed;

    /// <summary>The card; asked for once in a while (a bot's turn, an operator's view), so the customer leaves memory soon after.</summary>
    public Task<CustomerCard?> GetAsync()
    {
        LeaveSoon();
        return Task.FromResult(Exists ? Card() : null);
    }

    public async Task<CustomerCard> AttachAsync(IReadOnlyList<ChannelIdentity> identities, string? name)
    {
        var added = identities.Select(i => i.ToString()).Where(i => !state.State.Identities.Contains(i, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        var rename = string.IsNullOrWhiteSpace(state.State.Name) && !string.IsNullOrWhiteSpace(name);
        // Attached once per node and sender (KnownSenders), then the customer is asked for only by its card: it leaves memory soon.
        LeaveSoon();
        if (Exists && added.Count == 0 && !rename)
        {
            return Card();
        }

        // The searchable copy first: if it cannot be written, the state is left as it was, so a retry (the message delivered
        // again) finds the identities still to add and writes both. The other way round, a retry found nothing to add and the
        // directory never learned them.
        var newName = rename ? name!.Trim() : state.State.Name;
        await directory.UpsertAsync(this.GetPrimaryKey(), newName, [.. state.State.Identities, .. added]);
        state.State.Identities.AddRange(added);
        state.State.Name = newName;
        state.State.CreatedAt ??= clock.GetUtcNow();
        await state.WriteStateAsync();
        return Card();
    }

    public async Task<CustomerCard> MergeAsync(Guid otherCustomerId)
    {
        var self = this.GetPrimaryKey();
        if (otherCustomerId == self)
        {
            throw new ConversationException("A customer cannot be merged with itself.");
        }

        if (state.State.MergedInto is { } survivor)
        {
            throw new ConversationException($"This customer was merged into {survivor}; merge into that one instead.");
        }

        var other = GrainFactory.Reference<ICustomerGrain>(otherCustomerId);
        var otherCard = await other.SetMergedIntoAsync(self)
            ?? throw new ConversationException($"There is no customer {otherCustomerId}, or it is merged already.");

        // The identity index is the single source of truth: from here on every identity of the other customer routes here.
        var moved = new List<string>();
        foreach (var identity in otherCard.Identities)
        {
            if (await owners.ReassignAsync(identity, otherCustomerId, self))
            {
                moved.Add(identity.ToString());
            }
        }

        knownSenders.Forget(); // this node answers with the survivor at once; the others when they hear the merge
        await GrainFactory.Reference<IConversationGrain>(otherCustomerId).MarkMergedAsync(self);
        await GrainFactory.Reference<IConversationGrain>(self).AbsorbAsync(otherCustomerId);

        state.State.Identities.AddRange(moved.Where(i => !state.State.Identities.Contains(i, StringComparer.Ordinal)));
        if (string.IsNullOrWhiteSpace(state.State.Name))
        {
            state.State.Name = otherCard.Name;
        }

        state.State.CreatedAt ??= clock.GetUtcNow();
        state.State.Merged.RemoveAll(m => m.CustomerId == otherCustomerId);
        state.State.Merged.Add(new MergeRecord { CustomerId = otherCustomerId, Identities = moved, MergedAt = clock.GetUtcNow() });
        await state.WriteStateAsync();
        await directory.UpsertAsync(self, state.State.Name, state.State.Identities);
        return Card();
    }

    public async Task<CustomerCard> UnmergeAsync(Guid otherCustomerId)
    {
        var self = this.GetPrimaryKey();
        var record = state.State.Merged.FirstOrDefault(m => m.CustomerId == otherCustomerId)
            ?? throw new ConversationException($"Customer {otherCustomerId} was not merged into this one.");

        foreach (var identity in record.Identities)
        {
            await owners.ReassignAsync(ChannelIdentity.Parse(identity), self, otherCustomerId);
        }

        knownSenders.Forget(); // this node at once; the others when they hear the split

        await GrainFactory.Reference<IConversationGrain>(self).SplitAsync(otherCustomerId);
        await GrainFactory.Reference<IConversationGrain>(otherCustomerId).MarkMergedAsync(null);
        var otherCard = await GrainFactory.Reference<ICustomerGrain>(otherCustomerId).SetMergedIntoAsync(null);

        state.State.Identities.RemoveAll(i => record.Identities.Contains(i, StringComparer.Ordinal));
        state.State.Merged.Remove(record);
        await state.WriteStateAsync();
        await directory.UpsertAsync(self, state.State.Name, state.State.Identities);
        if (otherCard is not null)
        {
            await directory.UpsertAsync(otherCustomerId, otherCard.Name, otherCard.Identities.Select(i => i.ToString()).ToList());
        }

        return Card();
    }

    public async Task<CustomerCard?> SetMergedIntoAsync(Guid? survivorId)
    {
        if (!Exists || (survivorId is not null && state.State.MergedInto is not null))
        {
            return null;
        }

        state.State.MergedInto = survivorId;
        await state.WriteStateAsync();
        return Card();
    }

    public Task DetachAsync(IReadOnlyList<ChannelIdentity> identities)
    {
        var gone = identities.Select(i => i.ToString()).ToHashSet(StringComparer.Ordinal);
        state.State.Identities.RemoveAll(gone.Contains);
        return state.WriteStateAsync();
    }

    public async Task SetReachableAsync(string channel, ChannelIdentity channelIdentity, bool reachable, string? reason)
    {
        var identity = channelIdentity.ToString();
        var onChannel = state.State.UnreachableOn.TryGetValue(channel, out var known) ? known : null;
        var changed = reachable
            ? onChannel?.Remove(identity) is true
            : onChannel is null || !onChannel.TryGetValue(identity, out var was) || was != (reason ?? "unreachable");
        if (!changed)
        {
            return;
        }

        if (!reachable)
        {
            if (onChannel is null)
            {
                onChannel = [];
                state.State.UnreachableOn[channel] = onChannel;
            }

            onChannel[identity] = reason ?? "unreachable";
        }
        else if (onChannel!.Count == 0)
        {
            state.State.UnreachableOn.Remove(channel);
        }

        await state.WriteStateAsync();
    }

    /// <summary>
    /// A customer without state reads its directory row, if it has one (made by its first message); state stored before
    /// reachability was per channel is read in its new form.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists && await directory.GetAsync(this.GetPrimaryKey(), cancellationToken) is { } listed)
        {
            state.State.Name = listed.Name;
            state.State.Identities = [.. listed.Identities];
            state.State.CreatedAt = StoreIds.MadeAt(this.GetPrimaryKey());
            _listed = true;
        }

        MoveLegacyUnreachable();
    }

    /// <summary>State stored before reachability was per channel keeps identity → reason; it moves under the channel that wrote it.</summary>
    private void MoveLegacyUnreachable()
    {
        foreach (var (identity, reason) in state.State.Unreachable)
        {
            var kind = ChannelIdentity.TryParse(identity, out var parsed) ? parsed.Kind : "";
            var channel = kind == IdentityKinds.Phone ? "sms" : kind;
            if (!state.State.UnreachableOn.TryGetValue(channel, out var onChannel))
            {
                onChannel = [];
                state.State.UnreachableOn[channel] = onChannel;
            }

            onChannel.TryAdd(identity, reason);
        }

        state.State.Unreachable.Clear();
    }

    private CustomerCard Card()
    {
        var unreachableOn = state.State.UnreachableOn.ToDictionary(
            c => c.Key, IReadOnlyDictionary<string, string> (c) => new Dictionary<string, string>(c.Value), StringComparer.Ordinal);

        // The channel-less view for older readers: only identities of a kind that exactly one channel writes to.
        var unreachable = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (channel, identities) in state.State.UnreachableOn)
        {
            foreach (var (identity, reason) in identities.Where(i => i.Key.StartsWith(channel + ":", StringComparison.Ordinal)))
            {
                unreachable[identity] = reason;
            }
        }

        return new(this.GetPrimaryKey(), state.State.Name, state.State.Identities.Select(ChannelIdentity.Parse).ToList(), state.State.CreatedAt ?? DateTimeOffset.MinValue,
            unreachable, state.State.MergedInto, state.State.Merged.Select(m => m.CustomerId).ToList(), unreachableOn);
    }
}
