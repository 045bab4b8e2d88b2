using System.Net;
using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Web.Auth;

namespace Inbox.Web.Tests.Infrastructure;

/// <summary>Operators made for one test (so that disabling or locking one disturbs no other test), and the token endpoint's answer.</summary>
public static class AuthHelpers
{
    public const string Password = "a-long-password-1";

    public static async Task<OperatorView> CreateOperatorAsync(this InboxServer server, string role = "operator")
    {
        using var admin = await server.OperatorClientAsync("admin");
        var login = $"agent{Guid.NewGuid():N}"[..20];
        var response = await admin.PostAsJsonAsync("/api/v1/operators", new { login, displayName = login, password = Password, role }, InboxJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<OperatorView>();
    }

    public static async Task<TokenAnswer> LoginForTokensAsync(this InboxServer server, string login, string password = Password)
    {
        using var client = server.Client();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { login, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenAnswer>())!;
    }

    public static async Task<HttpResponseMessage> RefreshAsync(this InboxServer server, string refreshToken)
    {
        using var client = server.Client();
        return await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
    }

    public static async Task<HttpStatusCode> LoginStatusAsync(this InboxServer server, string login, string password)
    {
        using var client = server.Client();
        return (await client.PostAsJsonAsync("/api/v1/auth/token", new { login, password })).StatusCode;
    }

    public sealed record TokenAnswer(string AccessToken, string RefreshToken, long ExpiresIn);
}
