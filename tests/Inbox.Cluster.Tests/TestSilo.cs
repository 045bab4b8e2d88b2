using System.Net;
using System.Net.Sockets;
using Inbox.Silo;
using Inbox.Silo.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Inbox.Testing;

namespace Inbox.Cluster.Tests;

/// <summary>
/// A real silo on loopback ports, configured the way Inbox configures a cluster member (<c>Storage:Provider</c> =
/// <c>Postgres</c>: <see cref="OrleansPostgresHosting"/>), with membership timeouts shortened so that a dead silo is
/// noticed in seconds.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public SiloAddress Address => Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public static async Task<TestSilo> StartAsync(string connectionString, string clusterId)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:AdvertisedAddress"] = "127.0.0.1",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var cluster = configuration.GetSection(InboxClusterOptions.SectionName).Get<InboxClusterOptions>()!;
        var host = new HostBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseOrleans(silo =>
            {
                silo.UseInboxPostgresCluster(configuration, cluster);
                silo.AddInboxGrainStorage(configuration);
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromSeconds(1);
                    o.NumMissedProbesLimit = 2;
                    o.NumVotesForDeathDeclaration = 1;
                    o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                    o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
                    o.DeathVoteExpirationTimeout = TimeSpan.FromMinutes(1);
                });
                silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(500));
            })
            .Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    /// <summary>A graceful stop: the silo says goodbye and marks itself Dead.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    /// <summary>An ungraceful stop that skips the goodbye: the caller cuts its database first, so it cannot write a thing.</summary>
    public async Task KillAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            try
            {
                await _host.StopAsync(new CancellationToken(canceled: true));
            }
            catch (Exception e) when (e is OperationCanceledException or AggregateException)
            {
                // an ungraceful stop may end in cancellation
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }

}
