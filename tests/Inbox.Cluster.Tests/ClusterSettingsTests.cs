using Inbox.Silo;
using Inbox.Silo.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Inbox.Cluster.Tests;

/// <summary>The cluster's settings are checked as the silo is built, naming the key (no database needed).</summary>
public sealed class ClusterSettingsTests
{
    [Theory]
    [InlineData(null, "ConnectionStrings:Postgres must be set")]
    [InlineData("", "ConnectionStrings:Postgres must be set")]
    [InlineData("Database=inbox", "ConnectionStrings:Postgres must name a Host")]
    [InlineData("Host=db;Nonsense=1", "ConnectionStrings:Postgres is not a valid")]
    public void A_missing_or_malformed_connection_string_stops_the_start(string? connectionString, string expected)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Build(new() { ["ConnectionStrings:Postgres"] = connectionString }));
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("db.example")]
    [InlineData("0.0.0.0")]
    public void An_advertised_address_that_is_not_a_reachable_ip_stops_the_start(string address)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Build(new()
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=inbox",
            ["Orleans:AdvertisedAddress"] = address,
        }));
        Assert.Contains("Orleans:AdvertisedAddress", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Postgres", true)]
    [InlineData("postgres", true)]
    [InlineData("POSTGRES", true)]
    [InlineData("Sqlite", false)]
    [InlineData(null, false)]
    public void The_provider_is_read_case_insensitively(string? provider, bool postgres) =>
        Assert.Equal(postgres, OrleansPostgresHosting.IsSelected(Configuration(new() { ["Storage:Provider"] = provider })));

    private static void Build(Dictionary<string, string?> settings)
    {
        settings["Storage:Provider"] = "Postgres";
        var configuration = Configuration(settings);
        var cluster = configuration.GetSection(InboxClusterOptions.SectionName).Get<InboxClusterOptions>() ?? new InboxClusterOptions();
        using var host = new HostBuilder().UseOrleans(silo => silo.UseInboxPostgresCluster(configuration, cluster)).Build();
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
