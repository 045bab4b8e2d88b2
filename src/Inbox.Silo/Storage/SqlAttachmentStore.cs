using Dapper;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Inbox.Domain.Text;

namespace Inbox.Silo.Storage;

/// <summary>
/// Attachments as files in an <c>attachments</c> folder (beside the SQLite file, with either provider), named by id, with their name
/// and type in the database, the same SQL on SQLite and PostgreSQL. The file is flushed to disk before its row is committed, so a
/// stored message never names a missing file.
/// </summary>
public abstract class SqlAttachmentStore(StoreConnections store, string dataFolder, TimeProvider clock) : IAttachmentStore
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(dataFolder, "attachments")).FullName;

    public async Task<AttachmentInfo> SaveAsync(string fileName, string contentType, Stream content, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid();
        var path = PathOf(id);
        long size;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            await content.CopyToAsync(file, cancellationToken);
            size = file.Length;
            file.Flush(flushToDisk: true);
        }

        var info = new AttachmentInfo(id, SafeName(fileName), string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType, size);
        await store.Writer.WriteAsync((connection, transaction) => connection.Execute(
            "INSERT INTO attachments (attachment_id, file_name, content_type, size, created_at) VALUES (@id, @name, @type, @size, @created)",
            new { id = store.Values.Id(id), name = info.FileName, type = info.ContentType, size, created = store.Values.Time(clock.GetUtcNow()) }, transaction), cancellationToken);
        return info;
    }

    public async Task<AttachmentInfo?> GetInfoAsync(Guid attachmentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await StoreReader.QueryAsync(connection, "SELECT file_name, content_type, size FROM attachments WHERE attachment_id = @id",
            new { id = store.Values.Id(attachmentId) }, r => new AttachmentInfo(attachmentId, r.GetString(0), r.GetString(1), r.GetInt64(2)), cancellationToken)
            .ConfigureAwait(false);
        return rows.FirstOrDefault();
    }

    public async Task<Stream?> OpenAsync(Guid attachmentId, CancellationToken cancellationToken = default) =>
        await GetInfoAsync(attachmentId, cancellationToken) is null || !File.Exists(PathOf(attachmentId))
            ? null
            : new FileStream(PathOf(attachmentId), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);

    private string PathOf(Guid id) => Path.Combine(_folder, id.ToString("N"));

    /// <summary>
    /// The name as operators see it and as it goes into a Content-Disposition header: no folder, one line without control
    /// characters (a CR/LF would break the header) or bidirectional controls ("invoice\u202Efdp.exe" read as "invoiceexe.pdf").
    /// </summary>
    private static string SafeName(string fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        foreach (var invalid in Path.GetInvalidFileNameChars())
        {
            name = name.Replace(invalid, '_');
        }

        return DisplayText.Line(name, MaxFileNameLength) ?? "file";
    }

    private const int MaxFileNameLength = 200;
}
