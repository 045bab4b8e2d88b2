namespace Inbox.Silo.Storage;

/// <summary>Attachments' bytes as files in an <c>attachments</c> folder beside the SQLite file, named by id, each flushed to disk before it is named.</summary>
public sealed class AttachmentFolder(string dataFolder) : IAttachmentContent
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(dataFolder, "attachments")).FullName;

    public async Task<long> WriteAsync(Guid attachmentId, Stream content, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(PathOf(attachmentId), FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        await content.CopyToAsync(file, cancellationToken);
        file.Flush(flushToDisk: true);
        return file.Length;
    }

    public Task<Stream?> OpenAsync(Guid attachmentId, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(File.Exists(PathOf(attachmentId))
            ? new FileStream(PathOf(attachmentId), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous)
            : null);

    private string PathOf(Guid id) => Path.Combine(_folder, id.ToString("N"));
}
