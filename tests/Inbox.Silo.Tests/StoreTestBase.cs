namespace Inbox.Silo.Tests;

/// <summary>A store suite run against each provider by a subclass: a fresh store (file or database) per test.</summary>
public abstract class StoreTestBase : IAsyncLifetime
{
    private TestStore? _store;

    protected TestStore Store => _store ?? throw new InvalidOperationException("The store has not started.");

    /// <summary>A new, empty store with its writer started, as the host starts it.</summary>
    protected abstract Task<TestStore> StartStoreAsync();

    public async Task InitializeAsync() => _store = await StartStoreAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}
