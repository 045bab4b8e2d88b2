using System.Net;
using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Operators;
using Inbox.Web.Auth;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests;

/// <summary>Issue 12, item 14: failed logins lock the login, and the client address, until the lockout ends or an admin lifts it.</summary>
public sealed class LoginThrottleTests
{
    [Fact]
    public async Task Failed_logins_lock_the_login_even_for_the_right_password_until_an_admin_lifts_it()
    {
        await using var server = await InboxServer.StartAsync();
        var agent = await server.CreateOperatorAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await server.LoginStatusAsync(agent.Login, "wrong-password"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await server.LoginStatusAsync(agent.Login, AuthHelpers.Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, await server.LoginStatusAsync(agent.Login.ToUpperInvariant(), AuthHelpers.Password));
        Assert.Equal(HttpStatusCode.OK, await server.LoginStatusAsync("operator", InboxServer.DemoPassword)); // others are not locked out

        using var admin = await server.OperatorClientAsync("admin");
        var locked = await admin.GetFromJsonAsync<List<LoginLockout>>("/api/v1/operators/lockouts", InboxJson.Options);
        Assert.Contains(locked!, l => l.Key == LoginThrottle.LoginKey(agent.Login));
        using var operatorClient = await server.OperatorClientAsync("operator");
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.PostAsync($"/api/v1/operators/{agent.OperatorId}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/operators/{agent.OperatorId}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await server.LoginStatusAsync(agent.Login, AuthHelpers.Password));
    }

    [Fact]
    public async Task Failed_logins_from_one_address_lock_the_address_for_every_login_until_an_admin_lifts_it()
    {
        await using var server = await InboxServer.StartAsync(new Dictionary<string, string?> { ["Auth:MaxFailuresPerAddress"] = "3" });
        using var admin = await server.OperatorClientAsync("admin");
        foreach (var login in new[] { "nobody1", "nobody2", "nobody3" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await server.LoginStatusAsync(login, "wrong-password"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await server.LoginStatusAsync("operator", InboxServer.DemoPassword));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/operators/lockouts/address:127.0.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await server.LoginStatusAsync("operator", InboxServer.DemoPassword));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/v1/operators/lockouts/address:127.0.0.1")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_login_and_a_wrong_password_both_check_one_password_hash()
    {
        var hasher = new CountingPasswordHasher();
        await using var server = await InboxServer.StartAsync(configure: b => b.Services.AddSingleton<IPasswordHasher<OperatorAccount>>(hasher));

        var before = hasher.Verifications;
        Assert.Equal(HttpStatusCode.Unauthorized, await server.LoginStatusAsync("operator", "wrong-password"));
        Assert.Equal(before + 1, hasher.Verifications);
        Assert.Equal(HttpStatusCode.Unauthorized, await server.LoginStatusAsync("no-such-login", "wrong-password"));
        Assert.Equal(before + 2, hasher.Verifications);
        Assert.Equal(HttpStatusCode.OK, await server.LoginStatusAsync("operator", InboxServer.DemoPassword));
        Assert.Equal(before + 3, hasher.Verifications);
    }
}
