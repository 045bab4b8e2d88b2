namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// Attachments wholly in PostgreSQL (<see cref="SqlAttachmentStore"/>): metadata in <c>attachments</c>, bytes in
/// <c>attachment_content</c> (<see cref="PostgresAttachmentContent"/>), so that nodes share no folder.
/// </summary>
public sealed class PostgresAttachmentStore(PostgresDatabase database, PostgresWriteQueue writer, TimeProvider clock)
    : SqlAttachmentStore(database.Connections(writer), new PostgresAttachmentContent(database), clock);
