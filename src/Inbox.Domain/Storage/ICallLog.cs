using Inbox.Domain.Calls;

namespace Inbox.Domain.Storage;

/// <summary>Every call, for the call log and the list of missed calls waiting for someone to call back.</summary>
public interface ICallLog
{
    Task UpsertAsync(CallInfo call, CancellationToken cancellationToken = default);

    /// <summary>Newest first; with <paramref name="missedOnly"/>, only missed calls nobody acknowledged yet.</summary>
    Task<IReadOnlyList<CallInfo>> ListAsync(bool missedOnly, int limit, CancellationToken cancellationToken = default);
}
