using Inbox.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Tests;

/// <summary>The message store's suite on a fresh SQLite file per test.</summary>
public sealed class SqliteMessageStoreTests : MessageStoreTests
{
    protected override async Task<TestStore> StartStoreAsync() => await StoreFactory.StartAsync();

    [Fact]
    public void A_file_made_before_a_column_was_added_gets_the_column_and_keeps_its_rows()
    {
        using var folder = new TempDatabase();
        var id = Guid.NewGuid().ToString();
        using (var old = new SqliteConnection($"Data Source={folder.Path};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            // the conversations table as the first release made it, with one row
            create.CommandText = """
                CREATE TABLE conversations (conversation_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, status INTEGER NOT NULL,
                    assignee_id TEXT NULL, last_sequence INTEGER NOT NULL, last_message_at TEXT NULL, last_inbound_channel TEXT NULL,
                    last_inbound_identity TEXT NULL, last_preview TEXT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
                    activity_ticks INTEGER NOT NULL, merged_into TEXT NULL, labels TEXT NULL, handoff TEXT NULL, bot_memory TEXT NULL,
                    queue_priority INTEGER NOT NULL DEFAULT 0);
                INSERT INTO conversations (conversation_id, customer_id, status, last_sequence, created_at, updated_at, activity_ticks)
                VALUES ($id, $id, 1, 3, '2026-12-01T10:00:00.0000000+00:00', '2026-12-01T10:00:00.0000000+00:00', 0);
                """;
            create.Parameters.AddWithValue("$id", id);
            create.ExecuteNonQuery();
        }

        var database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = folder.Path }));

        using var connection = database.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT last_sequence, team, queued_ticks FROM conversations WHERE conversation_id = $id";
        read.Parameters.AddWithValue("$id", id);
        using var row = read.ExecuteReader();
        Assert.True(row.Read());
        Assert.Equal(3, row.GetInt64(0));
        Assert.True(row.IsDBNull(1));
        Assert.True(row.IsDBNull(2));
        using var index = connection.CreateCommand();
        index.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_conversations_queue'";
        Assert.Equal(1L, index.ExecuteScalar()); // the queue's index on an added column, made once the column is there
    }

    [Fact]
    public void An_outbox_made_before_reply_choices_gets_the_column_and_keeps_its_rows()
    {
        using var folder = new TempDatabase();
        using (var old = new SqliteConnection($"Data Source={folder.Path};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            // the outbox table as it was before reply choices, with one waiting reply
            create.CommandText = """
                CREATE TABLE outbox (message_id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, channel TEXT NOT NULL, recipient TEXT NOT NULL,
                    text TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_ticks INTEGER NOT NULL, lease_until_ticks INTEGER NOT NULL,
                    last_error TEXT NULL, created_at TEXT NOT NULL, attachments TEXT NULL, automated INTEGER NOT NULL DEFAULT 0);
                INSERT INTO outbox (message_id, conversation_id, channel, recipient, text, attempts, next_attempt_ticks, lease_until_ticks, created_at)
                VALUES ('m1', 'c1', 'sms', 'phone:+79160000000', 'waiting', 0, 0, 0, '2026-12-01T10:00:00.0000000+00:00');
                """;
            create.ExecuteNonQuery();
        }

        var database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = folder.Path }));

        using var connection = database.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT text, choices FROM outbox WHERE message_id = 'm1'";
        using var row = read.ExecuteReader();
        Assert.True(row.Read());
        Assert.Equal("waiting", row.GetString(0));
        Assert.True(row.IsDBNull(1));
    }
}
