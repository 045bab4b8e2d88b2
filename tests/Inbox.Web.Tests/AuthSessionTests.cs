using System.Net;
using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Web.Auth;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// <c>GET /api/v1/auth/session</c> (issue 15): a page asks at load whether it has a session without a 401 for a visitor;
/// <c>/api/v1/auth/me</c> stays 401 without one (see <see cref="SessionTests"/>).
/// </summary>
public sealed class AuthSessionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    [Fact]
    public async Task A_visitor_without_a_session_is_told_so_with_200_and_me_stays_401()
    {
        using var visitor = Server.Client();
        using var forged = Server.Client("not-a-token");

        var session = await visitor.GetAsync("/api/v1/auth/session");

        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal(AuthSession.None, await session.Content.ReadFromJsonAsync<AuthSession>(InboxJson.Options));
        Assert.Contains("\"authenticated\":false", await session.Content.ReadAsStringAsync());
        Assert.Equal(AuthSession.None, await forged.GetFromJsonAsync<AuthSession>("/api/v1/auth/session", InboxJson.Options));
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_live_session_is_named_and_after_logout_it_is_gone()
    {
        var tokens = await Server.LoginForTokensAsync((await Server.CreateOperatorAsync()).Login);
        using var api = Server.Client(tokens.AccessToken);
        var me = await api.GetFromJsonAsync<OperatorIdentity>("/api/v1/auth/me", InboxJson.Options);

        var live = await api.GetFromJsonAsync<AuthSession>("/api/v1/auth/session", InboxJson.Options);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/logout", null)).StatusCode);
        var ended = await api.GetFromJsonAsync<AuthSession>("/api/v1/auth/session", InboxJson.Options);

        Assert.True(live!.Authenticated);
        Assert.Equal(me, live.Operator);
        Assert.Equal(AuthSession.None, ended);
    }

    [Fact]
    public async Task The_consoles_cookie_is_a_session_too()
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var console = new HttpClient(handler) { BaseAddress = Server.BaseAddress };
        Assert.Equal(AuthSession.None, await console.GetFromJsonAsync<AuthSession>("/api/v1/auth/session", InboxJson.Options));

        (await console.PostAsJsonAsync("/api/v1/auth/login", new { login = "supervisor", password = InboxServer.DemoPassword })).EnsureSuccessStatusCode();
        var session = await console.GetFromJsonAsync<AuthSession>("/api/v1/auth/session", InboxJson.Options);

        Assert.True(session!.Authenticated);
        Assert.Equal("supervisor", session.Operator!.Login);
        Assert.Equal(Domain.Operators.OperatorRole.Supervisor, session.Operator.Role);
    }
}
