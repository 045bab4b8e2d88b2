using Inbox.Silo.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inbox.Silo.Tests;

/// <summary>
/// The write-ahead log is copied into the database file by the checkpointer, never inside a commit: commits that log far
/// more than SQLite's 1,000-page auto-checkpoint leave the file as it was, and one checkpoint copies all of it and starts the log over.
/// </summary>
public sealed class SqliteCheckpointerTests
{
    [Fact]
    public void Commits_leave_the_log_to_the_checkpointer_which_copies_it_into_the_file_and_starts_it_over()
    {
        using var folder = new TempDatabase();
        var database = folder.OpenDatabase();
        // SQLite copies the log into the file when the last connection to it closes. Other test classes clear every
        // connection pool when they finish (in parallel with this one), which would close this test's idle pooled
        // connection and copy the log behind the checkpointer's back; an unpooled connection held open throughout
        // keeps the copying to the checkpointer.
        using var held = database.OpenUnpooled();
        var before = new FileInfo(folder.Path).Length;
        var value = new string('x', 4000);

        // 1,500 commits of about a page each: about 6 MB of log, past the 1,000 pages where a commit would copy it.
        using (var connection = database.Open())
        {
            for (var i = 0; i < 1500; i++)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO cursors (key, value) VALUES ($key, $value)";
                insert.Parameters.AddWithValue("$key", $"checkpoint-{i}");
                insert.Parameters.AddWithValue("$value", value);
                insert.ExecuteNonQuery();
            }
        }

        Assert.Equal(before, new FileInfo(folder.Path).Length);
        Assert.True(new FileInfo(folder.Path + "-wal").Length > 6_000_000, "the commits were not logged");

        new SqliteCheckpointer(database, TimeProvider.System, NullLogger<SqliteCheckpointer>.Instance).Checkpoint();

        Assert.True(new FileInfo(folder.Path).Length > 6_000_000, $"the file holds {new FileInfo(folder.Path).Length} bytes after the checkpoint");
        using var check = database.Open();
        using var count = check.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM cursors WHERE key LIKE 'checkpoint-%'";
        Assert.Equal(1500L, (long)count.ExecuteScalar()!);

        // The log started over: the next commit is written at its beginning, not after the 1,500 pages copied.
        using var next = check.CreateCommand();
        next.CommandText = "INSERT INTO cursors (key, value) VALUES ('after', 'x'); PRAGMA wal_checkpoint(PASSIVE);";
        using var result = next.ExecuteReader();
        Assert.True(result.Read());
        Assert.InRange(result.GetInt64(1), 1, 10);
    }
}
