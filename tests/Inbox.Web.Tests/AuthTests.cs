using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Operators;
using Inbox.Web.Auth;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>Operators log in with a cookie (console) or a bearer token (API clients); every operators' endpoint needs it.</summary>
public sealed class AuthTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    [Theory]
    [InlineData("/api/v1/conversations")]
    [InlineData("/api/v1/customers?q=ivan")]
    [InlineData("/api/v1/operators")]
    [InlineData("/api/v1/auth/me")]
    public async Task Operators_endpoints_need_a_login(string path)
    {
        using var anonymous = Server.Client();
        using var forged = Server.Client("not-a-real-token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("operator", "wrong-password")]
    [InlineData("nobody", InboxServer.DemoPassword)]
    [InlineData("", "")]
    public async Task A_wrong_login_is_refused(string login, string password)
    {
        using var client = Server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/auth/token", new { login, password })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/auth/login", new { login, password })).StatusCode);
    }

    [Fact]
    public async Task The_console_logs_in_with_a_cookie_and_out_again()
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var console = new HttpClient(handler) { BaseAddress = Server.BaseAddress };

        var login = await console.PostAsJsonAsync("/api/v1/auth/login", new { login = "supervisor", password = InboxServer.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var me = await console.GetFromJsonAsync<OperatorIdentity>("/api/v1/auth/me", InboxJson.Options);
        Assert.Equal(OperatorRole.Supervisor, me!.Role);
        Assert.Equal(HttpStatusCode.OK, (await console.GetAsync("/api/v1/conversations")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await console.PostAsync("/api/v1/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await console.GetAsync("/api/v1/conversations")).StatusCode);
    }

    [Fact]
    public async Task Only_admins_create_operators_and_passwords_are_stored_hashed()
    {
        using var operatorClient = await Server.OperatorClientAsync("operator");
        using var admin = await Server.OperatorClientAsync("admin");
        var login = $"agent{Random.Shared.Next(100000)}";
        var body = new { login, displayName = "New Agent", password = "a-long-password-1", role = "operator" };

        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.PostAsJsonAsync("/api/v1/operators", body, InboxJson.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/operators", body, InboxJson.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/v1/operators", body, InboxJson.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/v1/operators", new { login = "short", password = "123" }, InboxJson.Options)).StatusCode);

        var token = await Server.TokenAsync(login, "a-long-password-1");
        Assert.False(string.IsNullOrEmpty(token));
        var stored = await Server.Services.GetRequiredService<Inbox.Domain.Storage.IOperatorStore>().FindByLoginAsync(login);
        Assert.DoesNotContain("a-long-password-1", stored!.PasswordHash);
    }
}
