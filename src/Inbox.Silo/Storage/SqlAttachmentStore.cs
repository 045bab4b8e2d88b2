using Dapper;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Inbox.Domain.Text;

namespace Inbox.Silo.Storage;

/// <summary>
/// Attachments: their name and type in the database, the same SQL on SQLite and PostgreSQL, and their bytes where the provider
/// keeps them (<see cref="IAttachmentContent"/>: files beside the SQLite file, or PostgreSQL's <c>attachment_content</c>).
/// The bytes are stored durably before the row is committed, so a stored message never names missing content.
/// </summary>
public abstract class SqlAttachmentStore(StoreConnections store, IAttachmentContent contents, TimeProvider clock) : IAttachmentStore
{
    public async Task<AttachmentInfo> SaveAsync(string fileName, string contentType, Stream content, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid();
        var size = await contents.WriteAsync(id, content, cancellationToken);
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
        await GetInfoAsync(attachmentId, cancellationToken) is null ? null : await contents.OpenAsync(attachmentId, cancellationToken);

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
