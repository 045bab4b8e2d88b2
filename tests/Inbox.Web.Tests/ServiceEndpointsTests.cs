using System.Net;
using System.Text.Json;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>Health probes, the OpenAPI document and the console's page.</summary>
public sealed class ServiceEndpointsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_probes_answer_healthy_without_login(string path)
    {
        using var client = Server.Client();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_external_contract()
    {
        using var client = Server.Client();
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/inbound", paths);
        Assert.Contains("/api/v1/conversations", paths);
        Assert.Contains("/api/v1/conversations/{id}/messages", paths);
        Assert.Contains("/api/v1/customers", paths);
        Assert.Contains("/api/v1/auth/token", paths);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/api/v1/conversations")]
    [InlineData("/health/ready")]
    public async Task Every_answer_forbids_sniffing_framing_and_foreign_scripts(string path)
    {
        using var client = Server.Client();

        var response = await client.GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_console_page_is_served_at_the_root()
    {
        using var client = Server.Client();
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Inbox</title>", page); // the console puts its title in the operator's language
        Assert.Contains("lib/signalr/signalr.min.js", page);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/signalr/signalr.min.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/app.js")).StatusCode);
        foreach (var language in new[] { "ru", "en" })
        {
            var texts = await client.GetAsync($"/i18n/{language}.json");
            Assert.Equal(HttpStatusCode.OK, texts.StatusCode);
            Assert.Equal("application/json", texts.Content.Headers.ContentType?.MediaType);
        }
    }
}
