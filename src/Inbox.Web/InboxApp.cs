using Inbox.Connectors;
using Inbox.Connectors.Webhooks;
using Inbox.Connectors.Api;
using Inbox.Connectors.Email;
using Inbox.Connectors.Leases;
using Inbox.Connectors.Telegram;
using Inbox.Connectors.Telephony;
using Inbox.Connectors.Twilio;
using Inbox.Connectors.Vk;
using Inbox.Domain;
using Inbox.Domain.Storage;
using Inbox.Silo;
using Inbox.Silo.Logging;
using Inbox.Web.OperatorApi;
using Inbox.Web.Auth;
using Inbox.Web.Bot;
using Inbox.Web.Calls;
using Inbox.Chatbot;
using Inbox.Domain.Conversations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Inbox.Web.Health;
using Inbox.Web.Inbound;
using Inbox.Web.Live;
using Inbox.Web.Logging;
using Inbox.Web.Outbox;
using Inbox.Web.Sla;
using Inbox.Web.Security;
using Inbox.Web.Work;
using Inbox.Web.Reports;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;
using Inbox.Identity;

namespace Inbox.Web;

/// <summary>
/// Builds the web node: the silo co-hosted in-process (the embedded default), the connectors whose keys are set,
/// the operators' API, the hub, the outbox and the console. Tests build it the same way, on a loopback port.
/// </summary>
public static class InboxApp
{
    /// <param name="configure">Changes to the services before the app is built (tests add fakes here).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The content root is the build output (appsettings.json and wwwroot are copied there), wherever the command runs from;
        // relative paths in the configuration (the database) stay relative to the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var configuration = builder.Configuration;

        // Product rule 6: the configured secrets, URL secrets, phones, emails and texts are masked in every property
        // (SensitiveDataEnricher), and once more in the whole console line, exception included (RedactingFormatter).
        // HttpClient's request logs (System.Net.Http) would print each URL, and a Telegram URL holds the bot token.
        builder.Services.AddSerilog((services, logger) =>
        {
            var secrets = ConfiguredSecrets.From(configuration);
            // the defaults first: Serilog:MinimumLevel in the configuration overrides them
            logger
                .MinimumLevel.Override("Orleans", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
                .MinimumLevel.Override("Polly", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                // like the framework's own handlers: its Information lines are the framework's per-request "not authenticated"
                // (a malformed, foreign or expired token) and "challenged", one per refused request
                .MinimumLevel.Override(typeof(SessionAuthenticationHandler).FullName!, LogEventLevel.Warning)
                .ReadFrom.Configuration(configuration)
                .Filter.ByExcluding(StartupNoiseFilter.IsNoise)
                .Enrich.FromLogContext()
                .Enrich.With(new SensitiveDataEnricher(secrets))
                .WriteTo.Console(new RedactingFormatter(
                    new MessageTemplateTextFormatter("[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"), secrets));
        });

        // Serilog's factory makes a new logger at every call, and the framework calls it on every request.
        CachingLoggerFactory.Wrap(builder.Services);

        builder.Services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LimitsOptions>, WebSettingsValidator>();
        builder.WebHost.ConfigureKestrel((context, kestrel) => kestrel.Limits.MaxRequestBodySize =
            (context.Configuration.GetSection(LimitsOptions.SectionName).Get<LimitsOptions>() ?? new LimitsOptions()).MaxRequestBodyBytes);

        // This node's outbox dispatcher and bot hear the grains of the whole cluster through WorkSignalRelay
        // (the silo side reads Chatbot:Enabled itself, so a standalone silo behaves the same).
        builder.Services.AddSingleton<OutboxSignal>();
        var chatbot = configuration.GetSection(ChatbotOptions.SectionName).Get<ChatbotOptions>() ?? new ChatbotOptions();
        if (chatbot.Enabled)
        {
            // The trained intent model is kept next to the embedded store's database unless Chatbot:ModelCache names a file.
            var dataFolder = (configuration.GetSection(Silo.Storage.Sqlite.SqliteOptions.SectionName).Get<Silo.Storage.Sqlite.SqliteOptions>() ?? new()).DataFolder;
            builder.Services.PostConfigure<ChatbotOptions>(o => o.ModelCache ??= Path.Combine(dataFolder, "intent-model.bin"));
            builder.Services.AddInboxChatbot(configuration);
            builder.Services.AddSingleton<BotRunner>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<BotRunner>());
            builder.Services.AddHealthChecks().AddCheck<ChatbotHealthCheck>("chatbot", tags: ["ready"]);
        }

        // The silo side: grains, the store, the order system and customer resolution.
        builder.UseOrleans(silo => silo.AddInbox(configuration));

        builder.Services.AddPhoneNumbers(configuration);
        builder.Services.AddSingleton<CallerOrders>();
        builder.Services.AddSingleton<IInboundPipeline, InboundPipeline>();
        builder.Services.AddSingleton<IDeliveryReceipts, DeliveryReceipts>();
        builder.Services.AddSingleton<IIdentityReachability, IdentityReachability>();
        builder.Services.AddSingleton<IConnectorCursorStore, ConnectorCursorStore>();
        // Loops that run once per cluster (Telegram polling, VK Long Poll, IMAP, Asterisk AMI) hold their lease in the shared store.
        builder.Services.AddSingleton<IConnectorLeases, ConnectorLeases>();
        builder.Services.AddSingleton<IWebhookIntakeStore, WebhookIntakeStore>();
        builder.Services.AddSingleton<IConversationHistory, ConversationHistory>();
        builder.Services.AddSingleton<CallEventSink>();
        builder.Services.AddSingleton<ICallEventSink>(sp => sp.GetRequiredService<CallEventSink>());
        var connectors = builder.Services.AddConnectors(configuration,
            new ApiChannelModule(),
            new VkModule(),
            new TwilioMessagingModule(),
            new TelegramModule(),
            new EmailModule(),
            new TelephonyModule());

        builder.Services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OutboxOptions>, WebSettingsValidator>();
        builder.Services.AddHostedService<OutboxDispatcher>();
        builder.Services.AddHostedService<WorkSignalRelay>();
        // SLA clocks (issue 14): one node of the cluster wakes the conversations whose clocks reach a warning or due time.
        builder.Services.AddClusterSingleton(configuration);
        builder.Services.AddHostedService<SlaWatcher>();

        builder.Services.AddSingleton<ConsoleConnections>();
        builder.Services.AddSingleton<LiveEventRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveEventRelay>());
        builder.Services.AddSingleton<PresenceReporter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PresenceReporter>());
        builder.Services.AddSingleton<ViewerReporter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ViewerReporter>());
        builder.Services.AddInboxReports(configuration);
        builder.Services.AddSignalR().AddJsonProtocol(o => InboxJson.Configure(o.PayloadSerializerOptions));

        builder.Services.AddInboxAuth(configuration);
        builder.Services.AddHostedService<DemoAccounts>();
        builder.Services.AddHostedService<DemoTeams>();
        // After the demo accounts: Demo:Enabled=false has retired them (and freed their logins) before the first admin is looked for.
        builder.Services.AddHostedService<BootstrapAdmin>();
        builder.Services.ConfigureHttpJsonOptions(o => InboxJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]).AddCheck<LiveEventsHealthCheck>("live-events", tags: ["ready"]);

        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // A 503 from /health/* is the probe's answer (not ready yet, or a store down, which the checks say), not a failed request.
        app.UseSerilogRequestLogging(o => o.GetLevel = (context, _, error) =>
            error is not null || (context.Response.StatusCode >= 500 && !context.Request.Path.StartsWithSegments("/health"))
                ? LogEventLevel.Error : LogEventLevel.Debug);
        app.UseSecurityHeaders();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseCookieRequestGuard(AuthSetup.CookieName);
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = ReadyReportWriter.WriteAsync })
            .AllowAnonymous();
        app.MapAuthEndpoints();
        app.MapConversationEndpoints();
        app.MapReadMarkerEndpoints();
        app.MapCustomerEndpoints();
        app.MapCustomerAdminEndpoints();
        app.MapCustomerCardEndpoints();
        app.MapAttachmentEndpoints();
        app.MapCallEndpoints();
        app.MapOperatorEndpoints();
        app.MapPresenceEndpoints();
        app.MapColleagueEndpoints();
        app.MapSlaEndpoints();
        app.MapTeamEndpoints();
        app.MapCannedReplyEndpoints();
        app.MapRoutingRuleEndpoints();
        app.MapReportEndpoints();
        // A channel that is off has no endpoint: its webhook answers 404.
        app.MapConnectors();
        app.MapHub<InboxHub>(InboxHub.Path);

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var store = app.Services.GetRequiredService<IOptions<Silo.StorageOptions>>().Value.IsPostgres
                ? Silo.Storage.Postgres.PostgresStoreName.Of(app.Services.GetRequiredService<IOptions<Silo.Storage.Postgres.PostgresOptions>>().Value.ConnectionString)
                : app.Services.GetService<Silo.Storage.Sqlite.SqliteDatabase>()?.FilePath;
            app.Logger.LogWarning("Inbox is running. Console: {Urls}; API: /api/v1 (OpenAPI at /openapi/v1.json); store: {Store}; channels: {Channels}; chatbot: {Chatbot}",
                string.Join(", ", addresses), store ?? "?", connectors.Count == 0 ? "none" : string.Join(", ", connectors.Select(c => c.Name)),
                chatbot.Enabled ? chatbot.Mode : "off");
        });
        return app;
    }
}
