using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Inbox.Domain;
using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using Inbox.Web.Auth;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Tests;

/// <summary>
/// Product rule 9 (issue 12, items 12 and 13): a session that has ended, an operator who is disabled or unknown, a token
/// that is revoked are refused at once; refresh tokens rotate, and a reused one ends the session.
/// </summary>
public sealed class SessionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    [Fact]
    public async Task Logout_ends_the_bearer_token_and_the_cookie()
    {
        var tokens = await Server.LoginForTokensAsync((await Server.CreateOperatorAsync()).Login);
        using var api = Server.Client(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.RefreshAsync(tokens.RefreshToken)).StatusCode);

        // the same cookie, kept aside before the logout, is refused afterwards (not merely deleted from the browser)
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var console = new HttpClient(handler) { BaseAddress = Server.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await console.PostAsJsonAsync("/api/v1/auth/login", new { login = "operator", password = InboxServer.DemoPassword })).StatusCode);
        var cookie = cookies.GetCookieHeader(Server.BaseAddress);
        Assert.Equal(HttpStatusCode.NoContent, (await console.PostAsync("/api/v1/auth/logout", null)).StatusCode);
        using var replay = Server.Client();
        replay.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_gives_new_tokens_once_and_reusing_it_ends_the_session()
    {
        var first = await Server.LoginForTokensAsync((await Server.CreateOperatorAsync()).Login);

        var refreshed = await Server.RefreshAsync(first.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = (await refreshed.Content.ReadFromJsonAsync<AuthHelpers.TokenAnswer>())!;
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        using (var api = Server.Client(second.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/auth/me")).StatusCode);
        }

        // the first refresh token again: someone copied it, so the session ends for everyone holding its tokens
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.RefreshAsync(first.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.RefreshAsync(second.RefreshToken)).StatusCode);
        using var after = Server.Client(second.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await after.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.RefreshAsync("not-a-refresh-token")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_operator_is_refused_at_once_their_console_is_closed_and_enabling_lets_them_log_in_again()
    {
        var agent = await Server.CreateOperatorAsync();
        var tokens = await Server.LoginForTokensAsync(agent.Login);
        using var api = Server.Client(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/conversations")).StatusCode);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, "/hubs/inbox"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(tokens.AccessToken))
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();

        using var admin = await Server.OperatorClientAsync("admin");
        using var operatorClient = await Server.OperatorClientAsync("operator");
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.PostAsync($"/api/v1/operators/{agent.OperatorId}/disable", null)).StatusCode);
        var disabled = await admin.PostAsync($"/api/v1/operators/{agent.OperatorId}/disable", null);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((await disabled.ReadAsync<OperatorView>()).Disabled);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/conversations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.RefreshAsync(tokens.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await Server.LoginStatusAsync(agent.Login, AuthHelpers.Password));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/operators/{agent.OperatorId}/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/conversations")).StatusCode); // the old session stays ended
        Assert.Equal(HttpStatusCode.OK, await Server.LoginStatusAsync(agent.Login, AuthHelpers.Password));
    }

    [Fact]
    public async Task An_operator_disabled_by_another_node_is_refused_within_the_cache_window()
    {
        var agent = await Server.CreateOperatorAsync();
        using var api = Server.Client((await Server.LoginForTokensAsync(agent.Login)).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/auth/me")).StatusCode);

        // straight in the shared store, as another web node would: this node learns it only when its cache entry (≤ 5 s) ends
        await Server.Services.GetRequiredService<IOperatorStore>().SetDisabledAsync(agent.OperatorId, true);
        var started = DateTime.UtcNow;
        var status = await InboxApi.EventuallyAsync(async () => (await api.GetAsync("/api/v1/auth/me")).StatusCode, s => s == HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5) + TimeSpan.FromSeconds(10), "refused well after the cache window");
    }

    [Fact]
    public async Task A_token_signed_with_the_key_ring_for_an_unknown_operator_or_someone_elses_session_is_refused()
    {
        // what anyone who reads the key ring can do: sign an admin token for an operator who does not exist
        var protector = Server.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(BearerTokenDefaults.AuthenticationScheme).BearerTokenProtector;
        string Mint(OperatorAccount account, Guid? sessionId)
        {
            var principal = sessionId is { } id
                ? OperatorIdentity.Principal(account, BearerTokenDefaults.AuthenticationScheme, id)
                : new ClaimsPrincipal(new ClaimsIdentity(
                    [new Claim(ClaimTypes.NameIdentifier, account.OperatorId.ToString()), new Claim(ClaimTypes.Name, account.Login), new Claim(ClaimTypes.Role, "Admin")],
                    BearerTokenDefaults.AuthenticationScheme));
            return protector.Protect(new AuthenticationTicket(principal,
                new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) }, BearerTokenDefaults.AuthenticationScheme));
        }

        var ghost = new OperatorAccount(Guid.NewGuid(), "ghost", "Ghost", OperatorRole.Admin, "", DateTimeOffset.UtcNow);
        using var noSession = Server.Client(Mint(ghost, null));
        Assert.Equal(HttpStatusCode.Unauthorized, (await noSession.GetAsync("/api/v1/operators")).StatusCode);
        using var madeUpSession = Server.Client(Mint(ghost, Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await madeUpSession.GetAsync("/api/v1/operators")).StatusCode);

        // a real operator's live session, claimed by a token naming another (admin) operator
        var agent = await Server.CreateOperatorAsync();
        var session = await Server.Services.GetRequiredService<OperatorSessions>().StartAsync(
            (await Server.Services.GetRequiredService<IOperatorStore>().GetAsync(agent.OperatorId))!, refreshable: false);
        using var borrowed = Server.Client(Mint(ghost with { OperatorId = Guid.NewGuid() }, session.SessionId));
        Assert.Equal(HttpStatusCode.Unauthorized, (await borrowed.GetAsync("/api/v1/operators")).StatusCode);
        using var own = Server.Client(Mint((await Server.Services.GetRequiredService<IOperatorStore>().GetAsync(agent.OperatorId))!, session.SessionId));
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Housekeeping_deletes_long_expired_sessions_and_old_failure_counts_but_keeps_live_ones_and_lockouts()
    {
        var store = Server.Services.GetRequiredService<ISessionStore>();
        var lockouts = Server.Services.GetRequiredService<ILoginLockoutStore>();
        var now = DateTimeOffset.UtcNow;
        var old = new OperatorSession(Guid.NewGuid(), Guid.NewGuid(), now.AddDays(-3), now.AddDays(-2));
        var live = new OperatorSession(Guid.NewGuid(), Guid.NewGuid(), now, now.AddHours(1));
        await store.AddAsync(old);
        await store.AddAsync(live);
        var stale = $"login:stale-{Guid.NewGuid():N}";
        var locked = $"login:locked-{Guid.NewGuid():N}";
        await lockouts.RecordFailureAsync(stale, now.AddHours(-2), now.AddHours(-3), 5, now.AddHours(-2));
        await lockouts.RecordFailureAsync(locked, now.AddHours(-2), now.AddHours(-3), 1, now.AddHours(2));

        await Server.Services.GetRequiredService<SignInHousekeeping>().PurgeAsync();

        Assert.Null(await store.GetAsync(old.SessionId));
        Assert.NotNull(await store.GetAsync(live.SessionId));
        Assert.Null(await lockouts.GetAsync(stale));
        Assert.NotNull(await lockouts.GetAsync(locked));
    }
}
