using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Inbox.Silo.Storage.Postgres;
using Inbox.Testing.Postgres;
using Inbox.Web.Auth;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Inbox.Web.Tests;

/// <summary>
/// The whole web node with <c>Storage:Provider=Postgres</c>: demo operators, the inbound API and its de-duplication on PostgreSQL;
/// and two nodes of one cluster, each with a data folder of its own, sharing logins and files through the database alone.
/// </summary>
public sealed class PostgresNodeTests : IAsyncLifetime
{
    private TemporaryPostgres _postgres = null!;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        _postgres = await TemporaryPostgres.StartAsync();
        _settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = await _postgres.CreateDatabaseAsync(),
            ["Orleans:ClusterId"] = "test-" + Guid.NewGuid().ToString("N"),
        };
    }

    public async Task DisposeAsync() => await _postgres.DisposeAsync();

    [Fact]
    public async Task A_message_posted_twice_is_stored_once_in_PostgreSQL_and_an_operator_reads_it()
    {
        await using var server = await InboxServer.StartAsync(_settings);
        Assert.IsType<PostgresConversationStore>(server.Services.GetRequiredService<IConversationStore>());
        Assert.IsType<PostgresOperatorStore>(server.Services.GetRequiredService<IOperatorStore>());
        using var api = server.Client(InboxServer.ApiToken);
        var messageId = $"m-{Guid.NewGuid():N}";

        var first = await api.SendInboundAsync(messageId, "Where is my order 1048576?", externalId: "crm-1", name: "Ivan");
        var again = await api.SendInboundAsync(messageId, "Where is my order 1048576?", externalId: "crm-1", name: "Ivan");

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.MessageId, again.MessageId);
        using var op = await server.OperatorClientAsync();
        var details = await op.ConversationAsync(first.ConversationId);
        Assert.Equal(first.MessageId, Assert.Single(details.Messages).MessageId);
        Assert.Equal("Ivan", details.Customer!.Name);
    }

    [Fact]
    public async Task Two_nodes_started_at_once_accept_each_others_logins_and_serve_each_others_uploads_with_nothing_in_their_folders()
    {
        _settings["DataProtection:Key"] = "a-configured-key-ring-secret-of-40-chars!";
        var nodes = await Task.WhenAll(InboxServer.StartAsync(_settings), InboxServer.StartAsync(_settings));
        await using var nodeA = nodes[0];
        await using var nodeB = nodes[1];
        Assert.NotEqual(nodeA.Folder, nodeB.Folder);

        // A token issued by node A is accepted by node B, and the other way round.
        using (var onB = nodeB.Client(await nodeA.TokenAsync("operator")))
        {
            Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/v1/auth/me")).StatusCode);
        }

        using var onA = nodeA.Client(await nodeB.TokenAsync("supervisor"));
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/api/v1/auth/me")).StatusCode);

        // A file uploaded through node A downloads from node B.
        var pdf = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "file", "invoice.pdf" } };
        var upload = await onA.PostAsync("/api/v1/attachments", form);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var info = await upload.ReadAsync<AttachmentInfo>();
        using var operatorOnB = await nodeB.OperatorClientAsync();
        var download = await operatorOnB.GetAsync($"/api/v1/attachments/{info.AttachmentId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("invoice.pdf", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());

        // Neither node keeps anything in its data folder (no SQLite file, keys or files); the one key ring in the database is
        // encrypted with the configured key.
        foreach (var node in nodes)
        {
            Assert.Empty(Directory.EnumerateFileSystemEntries(node.Folder));
        }

        await using var connection = new NpgsqlConnection(_settings["ConnectionStrings:Postgres"]);
        await connection.OpenAsync();
        await using var keys = new NpgsqlCommand("SELECT xml FROM data_protection_keys", connection);
        await using var reader = await keys.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var stored = reader.GetString(0);
        Assert.False(await reader.ReadAsync(), "the nodes made a key each");
        Assert.Contains(nameof(ConfiguredKeyXmlDecryptor), stored, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", stored, StringComparison.Ordinal);
    }
}
