namespace Inbox.Silo.Storage.Sqlite;

/// <summary>Attachments beside the embedded SQLite file, their metadata in it (<see cref="SqlAttachmentStore"/>).</summary>
public sealed class SqliteAttachmentStore(SqliteDatabase database, SqliteWriteQueue writer, TimeProvider clock)
    : SqlAttachmentStore(database.Connections(writer), new AttachmentFolder(Path.GetDirectoryName(database.FilePath)!), clock);
