using Inbox.Domain.Customers;

namespace Inbox.Silo.Grains;

public sealed class IdentityGrain(
    [PersistentState("identity", InboxStorage.GrainStorageName)] IPersistentState<IdentityState> state,
    TimeProvider clock) : Grain, IIdentityGrain
{
    public Task<Guid?> GetCustomerAsync() => Task.FromResult(state.State.CustomerId);

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
        return customerId;
    }
}
