namespace Inbox.Domain.CannedReplies;

/// <summary>The canned replies supervisors keep (table <c>canned_replies</c>), by key.</summary>
public interface ICannedReplyStore
{
    /// <summary>Every canned reply, by key.</summary>
    Task<IReadOnlyList<CannedReply>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the reply under its key; true when it was created.</summary>
    Task<bool> SaveAsync(CannedReply reply, CancellationToken cancellationToken = default);

    /// <summary>Deletes the reply; false when there was none under the key.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);
}
