using Inbox.Domain.CannedReplies;
using Inbox.Domain.Routing;
using Inbox.Domain.Customers;
using Inbox.Domain.Storage;
using Inbox.Silo.Routing;
using Inbox.Silo.Storage;
using Inbox.Silo.Storage.Postgres;
using Inbox.Silo.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;

namespace Inbox.Silo;

/// <summary>Registers the store chosen by <c>Storage:Provider</c>: the message store (write side, queries, outbox), directories and grain storage.</summary>
public static class InboxStorage
{
    /// <summary>The name grains use for their persistent state.</summary>
    public const string GrainStorageName = "inbox";

    public static IServiceCollection AddInboxStorage(this IServiceCollection services, IConfiguration configuration)
    {
        // An unknown provider is refused when the host starts, naming the key. On SQLite the file's folder holds everything:
        // the database (with the grains' state, SqliteGrainStorage), attachments' files and the node's keys. On PostgreSQL the
        // database holds all of it, and the SQLite file is never opened.
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, InboxSettingsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SqliteOptions>().Bind(configuration.GetSection(SqliteOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteOptions>, InboxSettingsValidator>());
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        services.AddMetrics();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StoreWriterMetrics>());
        if (storage.IsPostgres)
        {
            AddPostgres(services, configuration);
            return services;
        }

        services.TryAddSingleton<SqliteDatabase>();
        if (!services.Any(d => d.ServiceType == typeof(SqliteWriteQueue)))
        {
            services.AddSingleton<SqliteWriteQueue>();
            // The writer is the first hosted service to start and the last to stop, so that the silo (grain storage) and every
            // other service can write while they start and stop.
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, SqliteWriteQueue>(sp => sp.GetRequiredService<SqliteWriteQueue>()));
        }

        services.TryAddSingleton<IStoreWriterCounts>(sp => sp.GetRequiredService<SqliteWriteQueue>());

        if (!services.Any(d => d.ImplementationType == typeof(SqliteCheckpointer)))
        {
            services.AddHostedService<SqliteCheckpointer>();
        }

        services.TryAddSingleton<IConversationStore, SqliteConversationStore>();
        services.TryAddSingleton<IConversationQueries, SqliteConversationQueries>();
        services.TryAddSingleton<IOutboxStore, SqliteOutboxStore>();
        services.TryAddSingleton<ICustomerDirectory, SqliteCustomerDirectory>();
        services.TryAddSingleton<IIdentityOwners, SqliteIdentityOwners>();
        services.TryAddSingleton<IOperatorStore, SqliteOperatorStore>();
        services.TryAddSingleton<ISessionStore, SqliteSessionStore>();
        services.TryAddSingleton<ILoginLockoutStore, SqliteLoginLockoutStore>();
        services.TryAddSingleton<SqliteGrainStorage>();
        services.TryAddSingleton<ICursorStore, SqliteCursorStore>();
        services.TryAddSingleton<ILeaseStore, SqliteLeaseStore>();
        services.TryAddSingleton<IWebhookQueueStore, SqliteWebhookQueueStore>();
        services.TryAddSingleton<ICallLog, SqliteCallLog>();
        services.TryAddSingleton<IAttachmentStore, SqliteAttachmentStore>();
        AddTeams<SqliteTeamStore>(services);
        services.TryAddSingleton<IRoutingQueries, SqliteRoutingQueries>();
        services.TryAddSingleton<IEventHistory, SqliteEventHistory>();
        services.TryAddSingleton<ISlaStore, SqliteSlaStore>();
        services.TryAddSingleton<IReadMarkerStore, SqliteReadMarkerStore>();
        services.TryAddSingleton<ICannedReplyStore, SqliteCannedReplyStore>();
        return services;
    }

    /// <summary>The provider's team store, with routing's copy of the teams and rules in front of it (<see cref="CachedTeamStore"/>).</summary>
    private static void AddTeams<TStore>(IServiceCollection services)
        where TStore : class, ITeamStore
    {
        services.TryAddSingleton<TStore>();
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<CachedTeamStore>(sp, sp.GetRequiredService<TStore>()));
        services.TryAddSingleton<ITeamStore>(sp => sp.GetRequiredService<CachedTeamStore>());
        services.TryAddSingleton<ITeamDirectory>(sp => sp.GetRequiredService<ITeamStore>());
    }

    /// <summary>Every store on PostgreSQL (grain state goes there through Orleans' ADO.NET provider, <c>AddInboxGrainStorage</c>), attachments' bytes too.</summary>
    private static void AddPostgres(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PostgresOptions>().Bind(configuration.GetSection(PostgresOptions.SectionName))
            .Configure(o => o.ConnectionString = configuration[PostgresOptions.ConnectionStringKey]).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresOptions>, InboxSettingsValidator>());
        services.TryAddSingleton<PostgresDatabase>();
        if (!services.Any(d => d.ServiceType == typeof(PostgresWriteQueue)))
        {
            services.AddSingleton<PostgresWriteQueue>();
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, PostgresWriteQueue>(sp => sp.GetRequiredService<PostgresWriteQueue>()));
        }

        services.TryAddSingleton<IStoreWriterCounts>(sp => sp.GetRequiredService<PostgresWriteQueue>());

        services.TryAddSingleton<IConversationStore, PostgresConversationStore>();
        services.TryAddSingleton<IConversationQueries, PostgresConversationQueries>();
        services.TryAddSingleton<IOutboxStore, PostgresOutboxStore>();
        services.TryAddSingleton<ICustomerDirectory, PostgresCustomerDirectory>();
        services.TryAddSingleton<IIdentityOwners, PostgresIdentityOwners>();
        services.TryAddSingleton<IOperatorStore, PostgresOperatorStore>();
        services.TryAddSingleton<ISessionStore, PostgresSessionStore>();
        services.TryAddSingleton<ILoginLockoutStore, PostgresLoginLockoutStore>();
        services.TryAddSingleton<ICursorStore, PostgresCursorStore>();
        services.TryAddSingleton<ILeaseStore, PostgresLeaseStore>();
        services.TryAddSingleton<IWebhookQueueStore, PostgresWebhookQueueStore>();
        services.TryAddSingleton<ICallLog, PostgresCallLog>();
        services.TryAddSingleton<IAttachmentStore, PostgresAttachmentStore>();
        AddTeams<PostgresTeamStore>(services);
        services.TryAddSingleton<IRoutingQueries, PostgresRoutingQueries>();
        services.TryAddSingleton<IEventHistory, PostgresEventHistory>();
        services.TryAddSingleton<ISlaStore, PostgresSlaStore>();
        services.TryAddSingleton<IReadMarkerStore, PostgresReadMarkerStore>();
        services.TryAddSingleton<ICannedReplyStore, PostgresCannedReplyStore>();
    }
}
