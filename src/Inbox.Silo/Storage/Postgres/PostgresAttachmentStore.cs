using Inbox.Silo.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// Attachments' metadata on PostgreSQL (<see cref="SqlAttachmentStore"/>); the files stay on disk in the data folder
/// (<c>Storage:Sqlite:Path</c>'s folder), which nodes of a cluster must share.
/// </summary>
public sealed class PostgresAttachmentStore(PostgresDatabase database, PostgresWriteQueue writer, IOptions<SqliteOptions> files, TimeProvider clock)
    : SqlAttachmentStore(database.Connections(writer), files.Value.DataFolder, clock);
