using Dapper;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Inbox.Domain.Text;
using static Inbox.Silo.Storage.Sqlite.SqliteRows;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>
/// Attachments as files in an <c>attachments</c> folder beside the database, named by id, with their name and type in
/// the database. The file is flushed to disk before its row is committed, so a stored message never names a missing file.
/// </summary>
public sealed class SqliteAttachmentStore(SqliteDatabase database, SqliteWriteQueue writer, TimeProvider clock) : IAttachmentStore
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(database.FilePath)!, "attachments")).FullName;

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
        await writer.WriteAsync((connection, transaction) => connection.Execute(
            "INSERT INTO attachments (attachment_id, file_name, content_type, size, created_at) VALUES (@id, @name, @type, @size, @created)",
            new { id = Id(id), name = info.FileName, type = info.ContentType, size, created = Time(clock.GetUtcNow()) }, transaction), cancellationToken);
        return info;
    }

    public Task<AttachmentInfo?> GetInfoAsync(Guid attachmentId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        var row = SqliteReader.Query(connection, null, "SELECT file_name, content_type, size FROM attachments WHERE attachment_id = @id",
            new { id = Id(attachmentId) }, r => new AttachmentInfo(attachmentId, r.GetString(0), r.GetString(1), r.GetInt64(2))).FirstOrDefault();
        return Task.FromResult(row);
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
