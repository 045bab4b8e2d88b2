using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Operators;
using Inbox.Web.OperatorApi;
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
    public async Task A_change_riding_on_the_cookie_from_another_origin_or_as_a_form_is_refused_and_changes_nothing()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "hi", phone: $"+7 916 444-{Random.Shared.Next(10, 99)}-{Random.Shared.Next(10, 99)}");
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var console = new HttpClient(handler) { BaseAddress = Server.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await console.PostAsJsonAsync("/api/v1/auth/login", new { login = "supervisor", password = InboxServer.DemoPassword })).StatusCode);
        var own = Server.BaseAddress.GetLeftPart(UriPartial.Authority);
        var samePortElsewhere = $"http://127.0.0.1:{Server.BaseAddress.Port + 1}";
        var resolve = $"/api/v1/conversations/{accepted.ConversationId}/resolve";

        async Task<HttpStatusCode> Post(string? origin, string? referer, HttpContent? body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, resolve) { Content = body };
            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            if (referer is not null)
            {
                request.Headers.Referrer = new Uri(referer);
            }

            return (await console.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await Post(samePortElsewhere, null, null));
        Assert.Equal(HttpStatusCode.Forbidden, await Post("https://evil.example", null, null));
        Assert.Equal(HttpStatusCode.Forbidden, await Post(null, $"{samePortElsewhere}/page.html", null));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, await Post(own, null, new StringContent("x", System.Text.Encoding.UTF8, "text/plain")));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, await Post(own, null, new FormUrlEncodedContent([])));
        using var supervisor = await Server.OperatorClientAsync("supervisor");
        var unchanged = await supervisor.GetFromJsonAsync<ConversationDetails>($"/api/v1/conversations/{accepted.ConversationId}", InboxJson.Options);
        Assert.NotEqual(ConversationStatus.Resolved, unchanged!.Conversation.Status);

        using (var frame = new HttpRequestMessage(HttpMethod.Post, "/hubs/inbox?id=no-such-connection") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "text/plain") })
        {
            frame.Headers.Add("Origin", own);
            Assert.NotEqual(HttpStatusCode.UnsupportedMediaType, (await console.SendAsync(frame)).StatusCode); // SignalR's long-polling frames
        }

        Assert.Equal(HttpStatusCode.OK, await Post(own, null, null));
        var resolved = await supervisor.GetFromJsonAsync<ConversationDetails>($"/api/v1/conversations/{accepted.ConversationId}", InboxJson.Options);
        Assert.Equal(ConversationStatus.Resolved, resolved!.Conversation.Status);
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
