using Inbox.Silo.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Tests;

/// <summary><c>Storage:Provider</c> and <c>ConnectionStrings:Postgres</c> as the node reads them at start, naming the key when wrong.</summary>
public sealed class StorageSettingsTests
{
    [Fact]
    public void Postgres_without_a_connection_string_is_refused_naming_the_key()
    {
        using var services = Build(new() { ["Storage:Provider"] = "Postgres" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PostgresOptions>>().Value);

        Assert.Contains("ConnectionStrings:Postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_provider_is_refused_naming_the_key()
    {
        using var services = Build(new() { ["Storage:Provider"] = "Foo" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("Storage:Provider", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "SqliteConversationStore")]
    [InlineData("Sqlite", "SqliteConversationStore")]
    [InlineData("postgres", "PostgresConversationStore")]
    public void The_provider_chooses_the_message_store(string? provider, string store)
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=inbox" };
        if (provider is not null)
        {
            settings["Storage:Provider"] = provider;
        }

        var services = Collection(settings);

        Assert.Equal(store, services.First(d => d.ServiceType == typeof(Domain.Storage.IConversationStore)).ImplementationType!.Name);
        using var built = services.BuildServiceProvider();
        Assert.Null(Record.Exception(() => built.GetRequiredService<IOptions<StorageOptions>>().Value));
    }

    [Fact]
    public void On_PostgreSQL_the_SQLite_file_is_never_opened()
    {
        var services = Collection(new() { ["Storage:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=inbox" });

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(Storage.Sqlite.SqliteDatabase) || d.ImplementationType == typeof(Storage.Sqlite.SqliteWriteQueue));
        Assert.Equal(nameof(PostgresAttachmentStore), services.First(d => d.ServiceType == typeof(Domain.Storage.IAttachmentStore)).ImplementationType!.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("postgres")]
    public void The_node_publishes_its_writers_counts_on_either_provider(string? provider)
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=inbox" };
        if (provider is not null)
        {
            settings["Storage:Provider"] = provider;
        }

        // Descriptors, not instances: resolving the writer would open its database.
        var services = Collection(settings);

        Assert.Single(services, d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)
            && d.ImplementationType == typeof(Inbox.Silo.Storage.StoreWriterMetrics));
        Assert.Single(services, d => d.ServiceType == typeof(Inbox.Silo.Storage.IStoreWriterCounts));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        Collection(settings).BuildServiceProvider();

    private static ServiceCollection Collection(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInboxStorage(configuration);
        return services;
    }
}
