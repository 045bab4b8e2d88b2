using Inbox.Domain.Customers;

namespace Inbox.Silo.Grains;

public sealed class IdentityGrain(
    [PersistentState("identity", InboxStorage.GrainStorageName)] IPersistentState<IdentityState> state,
    TimeProvider clock) : Grain, IIdentityGrain
{
    public Task<Guid?> GetCustomerAsync() => Task.FromResult(state.State.CustomerId);

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
