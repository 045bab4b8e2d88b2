namespace Inbox.Silo.Storage;

/// <summary>
/// Where <see cref="SqlAttachmentStore"/> keeps attachments' bytes: files in the data folder (<see cref="AttachmentFolder"/>,
/// the embedded store) or the database itself (<c>PostgresAttachmentContent</c>), so that PostgreSQL nodes share no folder.
/// </summary>
public interface IAttachmentContent
{
    /// <summary>Stores the bytes under <paramref name="attachmentId"/>, durably, before it answers how many there were.</summary>
    Task<long> WriteAsync(Guid attachmentId, Stream content, CancellationToken cancellationToken);

    /// <summary>The bytes as a stream that reads them as it goes, or null when none are stored under the id.</summary>
    Task<Stream?> OpenAsync(Guid attachmentId, CancellationToken cancellationToken);
}
