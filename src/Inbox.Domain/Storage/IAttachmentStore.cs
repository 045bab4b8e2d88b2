using Inbox.Domain.Conversations;

namespace Inbox.Domain.Storage;

/// <summary>Files sent by customers and operators. Saved before the message that names them is committed.</summary>
public interface IAttachmentStore
{
    Task<AttachmentInfo> SaveAsync(string fileName, string contentType, Stream content, CancellationToken cancellationToken = default);

    Task<AttachmentInfo?> GetInfoAsync(Guid attachmentId, CancellationToken cancellationToken = default);

    /// <summary>The content, or null when there is no such attachment.</summary>
    Task<Stream?> OpenAsync(Guid attachmentId, CancellationToken cancellationToken = default);
}
