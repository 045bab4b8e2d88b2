using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Inbox.Silo.Storage;
using Orleans.Configuration;

namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// The cluster on PostgreSQL (<c>Storage:Provider</c> = <c>Postgres</c>): Orleans' ADO.NET clustering, grain storage and
/// reminders with Npgsql on <c>ConnectionStrings:Postgres</c>, after <see cref="OrleansPostgresMigration"/>.
/// </summary>
public static class OrleansPostgresHosting
{
    /// <summary>The ADO.NET invariant of Npgsql.</summary>
    public const string Invariant = "Npgsql";

    public const string ConnectionStringKey = "ConnectionStrings:Postgres";

    private const string ProviderKey = "Storage:Provider";

    /// <summary>Whether <c>Storage:Provider</c> names PostgreSQL (case-insensitive); SQLite is the default.</summary>
    public static bool IsSelected(IConfiguration configuration) =>
        string.Equals(configuration[ProviderKey], "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>ConnectionStrings:Postgres</c>, checked: Orleans takes it while the silo is built, before the host validates
    /// options, so a missing or malformed one stops the start here, naming the key.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString("Postgres");
        string? problem = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            problem = $"{ConnectionStringKey} must be set when {ProviderKey} is Postgres.";
        }
        else
        {
            try
            {
                if (string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(value).Host))
                {
                    problem = $"{ConnectionStringKey} must name a Host.";
                }
            }
            catch (ArgumentException)
            {
                problem = $"{ConnectionStringKey} is not a valid PostgreSQL connection string.";
            }
        }

        return problem is null ? PostgresAutoPrepare.Apply(value!) : throw new OptionsValidationException(ConnectionStringKey, typeof(string), [problem]);
    }

    /// <summary>
    /// ADO.NET clustering and reminders on PostgreSQL, the silo reachable at <c>Orleans:AdvertisedAddress</c> on
    /// <c>Orleans:SiloPort</c> and <c>Orleans:GatewayPort</c>, and the migration before the silo starts.
    /// </summary>
    public static ISiloBuilder UseInboxPostgresCluster(this ISiloBuilder silo, IConfiguration configuration, InboxClusterOptions cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var connectionString = ConnectionString(configuration);
        var advertised = AdvertisedAddress(cluster);
        silo.Services.AddOrleansPostgresMigration(connectionString);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = InboxSiloConfiguration.ServiceId;
        });
        silo.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = advertised;
            o.SiloPort = cluster.SiloPort;
            o.GatewayPort = cluster.GatewayPort;
        });
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        return silo;
    }

    /// <summary>Orleans' ADO.NET grain storage as <see cref="InboxStorage.GrainStorageName"/>, state kept as Inbox's JSON (as in SQLite).</summary>
    public static ISiloBuilder AddInboxPostgresGrainStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        var connectionString = ConnectionString(configuration);
        silo.Services.AddOrleansPostgresMigration(connectionString);
        silo.AddAdoNetGrainStorage(InboxStorage.GrainStorageName, o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
            o.GrainStorageSerializer = new InboxJsonGrainStorageSerializer();
        });
        return silo;
    }

    /// <summary><c>Orleans:AdvertisedAddress</c> as an IP address (loopback when empty), or a failure naming the key.</summary>
    public static IPAddress AdvertisedAddress(InboxClusterOptions cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (string.IsNullOrWhiteSpace(cluster.AdvertisedAddress))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(cluster.AdvertisedAddress.Trim(), out var address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)
            ? address
            : throw new OptionsValidationException(InboxClusterOptions.SectionName, typeof(InboxClusterOptions),
                [$"{InboxClusterOptions.SectionName}:AdvertisedAddress must be the IP address other silos reach this one at (not 0.0.0.0)."]);
    }

    /// <summary>The migration as the first hosted service (once), so it completes before the silo and every other service start.</summary>
    private static void AddOrleansPostgresMigration(this IServiceCollection services, string connectionString)
    {
        if (services.Any(d => d.ServiceType == typeof(OrleansPostgresMigrationService)))
        {
            return;
        }

        services.AddSingleton(sp => new OrleansPostgresMigrationService(connectionString, sp.GetRequiredService<IOptions<PostgresOptions>>().Value.StartTimeout,
            sp.GetRequiredService<ILogger<OrleansPostgresMigrationService>>()));
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, OrleansPostgresMigrationService>(sp => sp.GetRequiredService<OrleansPostgresMigrationService>()));
    }
}
