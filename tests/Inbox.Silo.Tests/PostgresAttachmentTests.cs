using System.Security.Cryptography;
using Inbox.Silo.Storage.Postgres;
using Npgsql;

namespace Inbox.Silo.Tests;

/// <summary>
/// Attachments on PostgreSQL are wholly in the database: what one node saves, another reads back byte for byte,
/// whatever its size against the read slice (one slice, several, none), with no folder to share: the PostgreSQL
/// store is given none, and the bytes are in <c>attachment_content</c>.
/// </summary>
public sealed class PostgresAttachmentTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_file_saved_on_one_node_is_read_back_whole_on_another_from_the_database()
    {
        var bytes = RandomNumberGenerator.GetBytes(PostgresAttachmentStream.SliceBytes * 2 + 12_345);
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var nodeA = await PostgresStoreFactory.StartAsync(database);
        await using var nodeB = await PostgresStoreFactory.StartAsync(database);

        var saved = await nodeA.Attachments.SaveAsync("scan.pdf", "application/pdf", new MemoryStream(bytes));

        Assert.Equal(("scan.pdf", "application/pdf", (long)bytes.Length), (saved.FileName, saved.ContentType, saved.Size));
        Assert.Equal(saved, await nodeB.Attachments.GetInfoAsync(saved.AttachmentId));
        await using (var read = await nodeB.Attachments.OpenAsync(saved.AttachmentId))
        {
            Assert.NotNull(read);
            Assert.Equal(bytes.Length, read.Length);
            using var copy = new MemoryStream();
            await read.CopyToAsync(copy, 81920);
            Assert.Equal(bytes, copy.ToArray());
        }

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var stored = new NpgsqlCommand("SELECT content FROM attachment_content WHERE attachment_id = @id", connection);
        stored.Parameters.AddWithValue("id", saved.AttachmentId);
        Assert.Equal(bytes, (byte[])(await stored.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task The_stream_reads_synchronously_seeks_and_ends_where_the_file_ends()
    {
        await using var store = await PostgresStoreFactory.StartAsync(await postgres.Server.CreateDatabaseAsync());
        var bytes = RandomNumberGenerator.GetBytes(PostgresAttachmentStream.SliceBytes + 100);
        var saved = await store.Attachments.SaveAsync("photo.jpg", "image/jpeg", new UnseekableStream(bytes));
        Assert.Equal(bytes.Length, saved.Size);

        await using var read = (await store.Attachments.OpenAsync(saved.AttachmentId))!;
        using (var all = new MemoryStream())
        {
            read.CopyTo(all);
            Assert.Equal(bytes, all.ToArray());
        }

        Assert.Equal(0, read.Read(new byte[10], 0, 10));
        read.Position = PostgresAttachmentStream.SliceBytes - 50;
        var across = new byte[150];
        await read.ReadExactlyAsync(across);
        Assert.Equal(bytes[(PostgresAttachmentStream.SliceBytes - 50)..], across);
        Assert.Equal(bytes.Length, read.Position);
    }

    [Fact]
    public async Task An_empty_file_reads_back_empty_and_an_unknown_id_has_no_content()
    {
        await using var store = await PostgresStoreFactory.StartAsync(await postgres.Server.CreateDatabaseAsync());
        var saved = await store.Attachments.SaveAsync("empty.txt", "text/plain", new MemoryStream());

        await using var read = (await store.Attachments.OpenAsync(saved.AttachmentId))!;
        Assert.Equal(0, await read.ReadAsync(new byte[16]));
        Assert.Null(await store.Attachments.OpenAsync(Guid.NewGuid()));
    }

    /// <summary>A stream that cannot tell its length, as a network body would be.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
