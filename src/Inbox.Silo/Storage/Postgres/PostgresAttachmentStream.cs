using System.Data;
using Npgsql;

namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// One attachment's bytes read from <c>attachment_content</c> a slice (<see cref="SliceBytes"/>) at a time, each on a pooled
/// connection taken for that query only: a slow download holds no connection while its client reads, and no more than one
/// slice in memory. Seekable with a known length, as the file stream it replaces (HTTP clients send a Content-Length).
/// </summary>
public sealed class PostgresAttachmentStream(NpgsqlDataSource dataSource, Guid attachmentId, long length) : Stream
{
    public const int SliceBytes = 1024 * 1024;

    private byte[]? _slice;
    private long _sliceStart;
    private int _sliceLength;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (NeedsSlice(buffer.Length))
        {
            using var connection = dataSource.OpenConnection();
            using var command = SliceCommand(connection, out var count);
            using var reader = command.ExecuteReader(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow);
            using var column = reader.Read() && !reader.IsDBNull(0) ? reader.GetStream(0) : null;
            column?.ReadExactly(_slice.AsSpan(0, count));
            Filled(column is not null, count);
        }

        return CopyOut(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (NeedsSlice(buffer.Length))
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = SliceCommand(connection, out var count);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken)
                .ConfigureAwait(false);
            var found = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !await reader.IsDBNullAsync(0, cancellationToken).ConfigureAwait(false);
            if (found)
            {
                await using var column = await reader.GetStreamAsync(0, cancellationToken).ConfigureAwait(false);
                await column.ReadExactlyAsync(_slice.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
            }

            Filled(found, count);
        }

        return CopyOut(buffer.Span);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(position, nameof(offset));
        return _position = position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>True when the read must fetch the slice at the position first.</summary>
    private bool NeedsSlice(int wanted) =>
        wanted > 0 && _position < length && (_slice is null || _position < _sliceStart || _position >= _sliceStart + _sliceLength);

    private NpgsqlCommand SliceCommand(NpgsqlConnection connection, out int count)
    {
        count = (int)Math.Min(SliceBytes, length - _position);
        _slice ??= new byte[(int)Math.Min(SliceBytes, length)];
        var command = new NpgsqlCommand("SELECT substring(content FROM @from FOR @count) FROM attachment_content WHERE attachment_id = @id", connection);
        command.Parameters.AddWithValue("from", (int)_position + 1);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("id", attachmentId);
        return command;
    }

    private void Filled(bool found, int count)
    {
        if (!found)
        {
            throw new IOException($"Attachment {attachmentId}'s content is no longer in the database.");
        }

        _sliceStart = _position;
        _sliceLength = count;
    }

    private int CopyOut(Span<byte> buffer)
    {
        if (buffer.IsEmpty || _position >= length)
        {
            return 0;
        }

        var from = (int)(_position - _sliceStart);
        var count = Math.Min(buffer.Length, _sliceLength - from);
        _slice.AsSpan(from, count).CopyTo(buffer);
        _position += count;
        return count;
    }
}
