using Microsoft.Extensions.Hosting;
using Inbox.Silo.Logging;
using Serilog;

namespace Inbox.Silo;

/// <summary>Runs a silo alone, for a cluster whose web nodes connect as clients. The embedded default co-hosts the silo in Inbox.Web instead.</summary>
public static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddSerilog((services, logger) => logger.ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Override("System.Net.Http", Serilog.Events.LogEventLevel.Warning).WriteTo.Console());
        CachingLoggerFactory.Wrap(builder.Services);
        builder.UseOrleans(silo => silo.AddInbox(builder.Configuration));
        await builder.Build().RunAsync();
    }
}
