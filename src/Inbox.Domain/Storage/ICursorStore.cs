namespace Inbox.Domain.Storage;

/// <summary>Small durable values (polling offsets) kept by key.</summary>
public interface ICursorStore
{
    Task<string?> GetAsync(string key, CancellationToken cancellationToken = default);

    Task SetAsync(string key, string value, CancellationToken cancellationToken = default);
}
