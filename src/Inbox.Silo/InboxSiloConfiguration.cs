using System.Net;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Storage;
using Inbox.Domain.Customers;
using Inbox.Domain.Sla;
using Inbox.Orders;
using Inbox.Silo.Csat;
using Inbox.Silo.Customers;
using Inbox.Silo.Grains;
using Inbox.Silo.Live;
using Inbox.Silo.Presence;
using Inbox.Silo.Routing;
using Inbox.Silo.Sla;
using Inbox.Silo.Storage.Postgres;
using Inbox.Silo.Storage.Sqlite;
using Inbox.Silo.Work;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Inbox.Silo;

/// <summary>Everything a silo of Inbox needs: clustering, grain storage, the store and the live-event publisher.</summary>
public static class InboxSiloConfiguration
{
    /// <summary>Orleans' service id, the same on every silo of every cluster of Inbox.</summary>
    public const string ServiceId = "inbox";

    /// <summary>
    /// The embedded default: localhost clustering on <c>Orleans:SiloPort</c> and <c>Orleans:GatewayPort</c>; with
    /// <c>Storage:Provider</c> = <c>Postgres</c>, a cluster member on PostgreSQL instead (ADO.NET clustering and reminders);
    /// and <see cref="AddInboxGrains"/>.
    /// </summary>
    public static ISiloBuilder AddInbox(this ISiloBuilder silo, IConfiguration configuration)
    {
        var cluster = configuration.GetSection(InboxClusterOptions.SectionName).Get<InboxClusterOptions>() ?? new InboxClusterOptions();
        // Orleans takes the ports as the silo is built, before the host validates options: check them here.
        if (new InboxSettingsValidator().Validate(null, cluster) is { Failed: true } refused)
        {
            throw new OptionsValidationException(InboxClusterOptions.SectionName, typeof(InboxClusterOptions), refused.Failures);
        }

        silo.Services.AddOptions<InboxClusterOptions>().Bind(configuration.GetSection(InboxClusterOptions.SectionName)).ValidateOnStart();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InboxClusterOptions>, InboxSettingsValidator>());
        if (OrleansPostgresHosting.IsSelected(configuration))
        {
            silo.UseInboxPostgresCluster(configuration, cluster);
        }
        else
        {
            // No reminder service on the embedded default: no grain registers a reminder yet.
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: ServiceId, clusterId: cluster.ClusterId);
            silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
        }

        return silo.AddInboxGrains(configuration);
    }

    /// <summary>The grains' services, whatever the clustering: the store, grain storage, the live-event publisher, customer resolution, SLA policies.</summary>
    public static ISiloBuilder AddInboxGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddInboxStorage(configuration);
        services.AddOptions<ConversationOptions>().Bind(configuration.GetSection(ConversationOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConversationOptions>, InboxSettingsValidator>());
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RoutingOptions>, RoutingOptionsValidator>());
        silo.AddInboxGrainStorage(configuration);
        services.TryAddSingleton<LiveEventPublisher>();
        services.TryAddSingleton<ILiveEventPublisher>(sp => sp.GetRequiredService<LiveEventPublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<LiveEventPublisher>());
        // Whether the bot answers first is a setting read here, the same on every node; the work goes to nodes that can do it.
        services.AddOptions<BotOptions>().Bind(configuration.GetSection(BotOptions.SectionName));
        services.TryAddSingleton<WorkSignalPublisher>();
        services.TryAddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<WorkSignalPublisher>());
        services.TryAddSingleton<IBotTrigger>(sp => sp.GetRequiredService<WorkSignalPublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<WorkSignalPublisher>());
        services.AddOrders(configuration);
        services.TryAddSingleton<OrderContacts>();
        services.TryAddSingleton<KnownSenders>();
        services.TryAddSingleton<ICustomerResolver, CustomerResolver>();
        // SLA policies and schedules (Sla:*), checked at start on every node; the policies in force (ISlaPolicies: the store's
        // once a supervisor wrote them, else the settings) and the conversations' clocks (the grain keeps them, SlaWatcher wakes it).
        services.AddSla(configuration);
        // Routing: the team of a conversation entering the queue, by the stored rules and teams (ITeamStore, AddInboxStorage).
        services.TryAddSingleton<IConversationRouter, ConversationRouter>();
        // Automatic assignment: the team queue grains are woken as things happen; this sweep expires unopened assignments.
        services.AddHostedService<AssignmentSweeper>();
        // Customer satisfaction requests after a resolve (Csat:*), checked at start.
        services.AddCsat(configuration);
        services.TryAddSingleton<ISlaPolicies, SlaPolicies>();
        services.TryAddSingleton<SlaServices>();
        return silo;
    }

    /// <summary>Grain storage named <see cref="InboxStorage.GrainStorageName"/>: the SQLite file, or PostgreSQL through Orleans' ADO.NET provider.</summary>
    public static ISiloBuilder AddInboxGrainStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (OrleansPostgresHosting.IsSelected(configuration))
        {
            return silo.AddInboxPostgresGrainStorage(configuration);
        }

        silo.Services.AddGrainStorage(InboxStorage.GrainStorageName, (sp, _) => sp.GetRequiredService<SqliteGrainStorage>());
        return silo;
    }
}
