using Npgsql;
using NpgsqlTypes;

namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// Attachments' bytes in PostgreSQL's <c>attachment_content</c> (one <c>bytea</c> per attachment, stored uncompressed out of
/// line), so that nodes share no folder. A write streams the bytes to the server in a transaction of its own that commits
/// durably, outside the writer's group, whose other writes a file of megabytes would hold up; a read
/// (<see cref="PostgresAttachmentStream"/>) fetches one slice at a time. The size limits are the callers' (uploads,
/// connectors' <c>MaxAttachmentBytes</c>); PostgreSQL itself keeps at most 1 GB in a <c>bytea</c>.
/// </summary>
public sealed class PostgresAttachmentContent(PostgresDatabase database) : IAttachmentContent
{
    /// <summary>The most PostgreSQL keeps in one <c>bytea</c> value.</summary>
    public const long MaxBytes = 1024L * 1024 * 1024 - 1;

    public async Task<long> WriteAsync(Guid attachmentId, Stream content, CancellationToken cancellationToken)
    {
        // The value's length goes before its bytes: a stream that cannot tell it is read into memory first (the callers' streams
        // can, a buffered upload or a connector's bytes).
        await using var buffered = content.CanSeek ? null : new MemoryStream();
        if (buffered is not null)
        {
            await content.CopyToAsync(buffered, cancellationToken).ConfigureAwait(false);
            buffered.Position = 0;
        }

        var source = buffered ?? content;
        var length = source.Length - source.Position;
        if (length > MaxBytes)
        {
            throw new ArgumentException($"PostgreSQL keeps files of at most {MaxBytes} bytes; this one has {length}.", nameof(content));
        }

        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await PostgresDatabase.BeginDurableAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("INSERT INTO attachment_content (attachment_id, content) VALUES (@id, @content)", connection, transaction))
        {
            command.Parameters.AddWithValue("id", attachmentId);
            command.Parameters.Add(new NpgsqlParameter("content", NpgsqlDbType.Bytea) { Value = source, Size = (int)length });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return length;
    }

    public async Task<Stream?> OpenAsync(Guid attachmentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT octet_length(content) FROM attachment_content WHERE attachment_id = @id", connection);
        command.Parameters.AddWithValue("id", attachmentId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int length
            ? new PostgresAttachmentStream(database.DataSource, attachmentId, length)
            : null;
    }
}
