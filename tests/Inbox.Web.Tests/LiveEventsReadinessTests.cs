using Inbox.Web.Health;
using Inbox.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Inbox.Web.Tests;

/// <summary>
/// A node that just subscribed to live events is not ready until every silo's publisher has it on its list of nodes; the
/// rest of its start does not wait for that.
/// </summary>
public sealed class LiveEventsReadinessTests
{
    [Fact]
    public async Task A_node_is_ready_only_once_every_publisher_has_it_on_its_list_of_nodes()
    {
        var probe = new ReadinessProbe();
        await using var server = await InboxServer.StartAsync(configure: builder =>
        {
            // The probe starts right after the relay has subscribed, before the rest of the node.
            var services = builder.Services;
            var relay = services.IndexOf(services.First(d => d.ServiceType == typeof(LiveEventRelay)));
            var relayStart = services.Select((d, i) => (d, i)).First(x => x.i > relay && x.d.ServiceType == typeof(IHostedService)).i;
            services.Insert(relayStart + 1, ServiceDescriptor.Singleton<IHostedService>(sp => probe.Attach(sp)));
        });

        var justSubscribed = Assert.Single(probe.Report!.Entries).Value;
        Assert.Equal(HealthStatus.Unhealthy, justSubscribed.Status);
        Assert.Equal(LiveEventsHealthCheck.Subscribing, justSubscribed.Description);

        using var client = server.Client();
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    /// <summary>Reads the live-events check when the node's start reaches it.</summary>
    private sealed class ReadinessProbe : IHostedService
    {
        private IServiceProvider _services = null!;

        public HealthReport? Report { get; private set; }

        public ReadinessProbe Attach(IServiceProvider services)
        {
            _services = services;
            return this;
        }

        public async Task StartAsync(CancellationToken cancellationToken) =>
            Report = await _services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "live-events", cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
