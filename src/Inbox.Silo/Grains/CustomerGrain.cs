using Inbox.Domain.Customers;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Grains;

public sealed class CustomerGrain(
    [PersistentState("customer", InboxStorage.GrainStorageName)] IPersistentState<CustomerState> state,
    ICustomerDirectory directory,
    TimeProvider clock) : Grain, ICustomerGrain
{
    public Task<CustomerCard?> GetAsync() =>
        Task.FromResult(state.RecordExists ? Card() : null);

    public async Task<CustomerCard> AttachAsync(IReadOnlyList<string> identities, string? name)
    {
        var added = identities.Where(i => !state.State.Identities.Contains(i, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        var rename = string.IsNullOrWhiteSpace(state.State.Name) && !string.IsNullOrWhiteSpace(name);
        if (state.RecordExists && added.Count == 0 && !rename)
        {
            return Card();
        }

        state.State.Identities.AddRange(added);
        if (rename)
        {
            state.State.Name = name!.Trim();
        }

        state.State.CreatedAt ??= clock.GetUtcNow();
        await state.WriteStateAsync();
        await directory.UpsertAsync(this.GetPrimaryKey(), state.State.Name, state.State.Identities);
        return Card();
    }

    public async Task SetReachableAsync(string identity, bool reachable, string? reason)
    {
        var changed = reachable
            ? state.State.Unreachable.Remove(identity)
            : state.State.Unreachable.TryGetValue(identity, out var known) is false || known != (reason ?? "unreachable");
        if (!changed)
        {
            return;
        }

        if (!reachable)
        {
            state.State.Unreachable[identity] = reason ?? "unreachable";
        }

        await state.WriteStateAsync();
    }

    private CustomerCard Card() =>
        new(this.GetPrimaryKey(), state.State.Name, state.State.Identities.ToList(), state.State.CreatedAt ?? DateTimeOffset.MinValue,
            new Dictionary<string, string>(state.State.Unreachable));
}
