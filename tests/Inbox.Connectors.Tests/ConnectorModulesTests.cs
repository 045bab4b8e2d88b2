using System.Net;
using Inbox.Connectors.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inbox.Connectors.Tests;

/// <summary>The host wires connectors as modules: one line each; a module that is off registers and maps nothing.</summary>
public sealed class ConnectorModulesTests
{
    private sealed class EchoModule(string name, string switchKey) : IConnectorModule
    {
        public string Name => name;

        public bool AddServices(IServiceCollection services, IConfiguration configuration) => configuration[switchKey] is { Length: > 0 };

        public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapGet($"/webhooks/{name}", () => name);

        public void AddHealthChecks(IHealthChecksBuilder health) =>
            health.AddCheck($"connector:{name}", () => HealthCheckResult.Healthy(), tags: ["ready"]);
    }

    [Fact]
    public async Task Only_the_modules_whose_settings_are_set_are_registered_mapped_and_checked()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Echo:On"] = "yes",
            ["Channels:Api:Token"] = "t0ken",
        });

        var enabled = builder.Services.AddConnectors(builder.Configuration,
            new EchoModule("echo", "Echo:On"), new EchoModule("silent", "Silent:On"), new ApiChannelModule());
        await using var app = builder.Build();
        app.MapConnectors();
        app.MapHealthChecks("/health");
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        Assert.Equal(["echo", ChannelNames.Api], enabled.Select(m => m.Name));
        Assert.Equal("echo", await client.GetStringAsync("/webhooks/echo"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/webhooks/silent")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.GetAsync("/api/v1/inbound")).StatusCode); // mapped, for POST only
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(2, app.Services.GetServices<IConnectorModule>().Count());
    }
}
