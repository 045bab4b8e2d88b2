using Inbox.Domain.Customers;

namespace Inbox.Silo.Grains;

/// <summary>
/// Who owns one channel identity. Asked when a sender is not known to the node (<see cref="Customers.KnownSenders"/>), so
/// an identity that has its owner leaves memory soon after (<see cref="ShortLivedGrain"/>): a node keeps conversations active,
/// not one grain per address.
/// </summary>
public sealed class IdentityGrain(
    [PersistentState("identity", InboxStorage.GrainStorageName)] IPersistentState<IdentityState> state,
    TimeProvider clock) : ShortLivedGrain, IIdentityGrain
{
    public Task<Guid?> GetCustomerAsync()
    {
        if (state.State.CustomerId is not null)
        {
            LeaveSoon();
        }

        return Task.FromResult(state.State.CustomerId);
    }

    public async Task<bool> ReassignAsync(Guid from, Guid to)
    {
        if (state.State.CustomerId != from)
        {
            return false;
        }

        state.State.CustomerId = to;
        await state.WriteStateAsync();
        return true;
    }

    public async Task<Guid> ClaimAsync(Guid customerId)
    {
        if (state.State.CustomerId is { } owner)
        {
            return owner;
        }

        state.State.CustomerId = customerId;
        state.State.ClaimedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        LeaveSoon();
        return customerId;
    }
}
