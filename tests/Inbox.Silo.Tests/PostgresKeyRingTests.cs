using System.Text;
using System.Xml.Linq;
using Inbox.Silo.Storage.Postgres;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inbox.Silo.Tests;

/// <summary>
/// The data-protection key ring in PostgreSQL: what one node stores another reads, nothing is overwritten, and nodes that start
/// at once on an empty database end with one key, so that what one node protects (a login cookie, a token) every node reads.
/// </summary>
public sealed class PostgresKeyRingTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task An_element_stored_by_one_node_is_read_by_another_and_a_taken_name_overwrites_nothing()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var nodeA = new PostgresDatabase(Options.Create(new PostgresOptions { ConnectionString = connectionString }));
        await using var nodeB = new PostgresDatabase(Options.Create(new PostgresOptions { ConnectionString = connectionString }));
        var repositoryA = new PostgresXmlRepository(nodeA);
        var repositoryB = new PostgresXmlRepository(nodeB);
        Assert.Empty(repositoryB.GetAllElements());

        repositoryA.StoreElement(new XElement("key", new XAttribute("id", "1")), "key-1");
        repositoryB.StoreElement(new XElement("key", new XAttribute("id", "2")), "key-1");

        Assert.Equal(["1", "2"], repositoryA.GetAllElements().Select(e => (string)e.Attribute("id")!));
        Assert.Equal(["1", "2"], repositoryB.GetAllElements().Select(e => (string)e.Attribute("id")!));
    }

    [Fact]
    public async Task Nodes_starting_at_once_on_an_empty_database_share_one_key_and_read_each_others_protected_data()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        var nodes = Enumerable.Range(0, 4).Select(_ => Node(connectionString)).ToList();
        try
        {
            await Task.WhenAll(nodes.Select(n => Task.Run(async () =>
            {
                foreach (var service in n.GetServices<IHostedService>())
                {
                    await service.StartAsync(CancellationToken.None);
                }
            })));

            Assert.Equal(1, await CountKeysAsync(connectionString));
            var protectors = nodes.Select(n => n.GetRequiredService<IDataProtectionProvider>().CreateProtector("login")).ToList();
            foreach (var (from, i) in protectors.Select((p, i) => (p, i)))
            {
                var token = from.Protect(Encoding.UTF8.GetBytes($"operator signed in on node {i}"));
                Assert.All(protectors, to => Assert.Equal($"operator signed in on node {i}", Encoding.UTF8.GetString(to.Unprotect(token))));
            }

            // A node started later reads the same ring and makes no key of its own.
            await using var late = Node(connectionString);
            foreach (var service in late.GetServices<IHostedService>())
            {
                await service.StartAsync(CancellationToken.None);
            }

            var fromLate = late.GetRequiredService<IDataProtectionProvider>().CreateProtector("login").Protect([42]);
            Assert.Equal([42], protectors[0].Unprotect(fromLate));
            Assert.Equal(1, await CountKeysAsync(connectionString));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>One node's data protection as the web node sets it up (application name, keys in PostgreSQL), without the rest of it.</summary>
    private static ServiceProvider Node(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Options.Create(new PostgresOptions { ConnectionString = connectionString }));
        services.AddSingleton<PostgresDatabase>();
        services.AddDataProtection().SetApplicationName("inbox").PersistKeysToPostgres();
        return services.BuildServiceProvider();
    }

    private static async Task<long> CountKeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM data_protection_keys", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
