using System.Net;
using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Operators;
using Inbox.Web.Auth;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// Issue 17: a channel's <c>Authorization</c> header (the API channel's token) is not read as an operator's token, so the
/// inbound hot path writes no authentication failure to the console; operators' cookies and tokens still work, and a
/// foreign token on an operators' endpoint is still refused, without a console line per refused request.
/// </summary>
public sealed class ChannelAuthenticationTests
{
    [Fact]
    public async Task Channel_tokens_and_foreign_tokens_leave_no_authentication_failure_on_the_console_and_operators_still_get_in()
    {
        var folder = InboxProcess.NewDataFolder();
        using var inbox = await InboxProcess.StartAsync(Path.Combine(folder, "inbox.db"), FreePort.Next(), FreePort.Next(), FreePort.Next(),
            ["--Chatbot:Enabled=false"]);
        using var api = new HttpClient { BaseAddress = inbox.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", InboxServer.ApiToken);
        for (var i = 0; i < 20; i++)
        {
            await api.SendInboundAsync($"channel-auth-{i}", "Где заказ?", externalId: "channel-auth-customer");
        }

        using var foreign = new HttpClient { BaseAddress = inbox.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        foreign.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-real-token");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await foreign.GetAsync("/api/v1/conversations")).StatusCode);
        }

        // the channel's token is no operator's either
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/conversations")).StatusCode);
        Assert.False((await api.GetFromJsonAsync<AuthSession>("/api/v1/auth/session", InboxJson.Options))!.Authenticated);

        using var bearer = new HttpClient { BaseAddress = inbox.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var token = await bearer.PostAsJsonAsync("/api/v1/auth/token", new { login = "supervisor", password = InboxServer.DemoPassword });
        token.EnsureSuccessStatusCode();
        var accessToken = System.Text.Json.JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        var bySession = await bearer.GetFromJsonAsync<AuthSession>("/api/v1/auth/session", InboxJson.Options);
        Assert.True(bySession!.Authenticated);
        Assert.Equal(OperatorRole.Supervisor, (await bearer.GetFromJsonAsync<OperatorIdentity>("/api/v1/auth/me", InboxJson.Options))!.Role);

        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var console = new HttpClient(handler) { BaseAddress = inbox.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Assert.Equal(HttpStatusCode.OK, (await console.PostAsJsonAsync("/api/v1/auth/login", new { login = "operator", password = InboxServer.DemoPassword })).StatusCode);
        Assert.True((await console.GetFromJsonAsync<AuthSession>("/api/v1/auth/session", InboxJson.Options))!.Authenticated);
        Assert.Equal(OperatorRole.Operator, (await console.GetFromJsonAsync<OperatorIdentity>("/api/v1/auth/me", InboxJson.Options))!.Role);

        inbox.Kill();
        var output = inbox.Output;
        Assert.Contains("Now listening on", output);
        Assert.False(output.Contains("Unprotected token failed", StringComparison.OrdinalIgnoreCase), $"An authentication failure reached the console:\n{output}");
        Assert.False(output.Contains("was not authenticated", StringComparison.OrdinalIgnoreCase), $"An authentication failure reached the console:\n{output}");
        Assert.False(output.Contains("FormatException", StringComparison.Ordinal), $"An exception reached the console:\n{output}");
        DeleteFolder(folder);
    }

    [Fact]
    public async Task With_the_authentication_logs_at_Debug_a_foreign_token_shows_its_failure_and_the_channel_token_none()
    {
        var folder = InboxProcess.NewDataFolder();
        using var inbox = await InboxProcess.StartAsync(Path.Combine(folder, "inbox.db"), FreePort.Next(), FreePort.Next(), FreePort.Next(),
        [
            "--Chatbot:Enabled=false",
            $"--Serilog:MinimumLevel:Override:{typeof(SessionAuthenticationHandler).FullName}=Debug",
            "--Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Authentication=Debug",
        ]);
        using var api = new HttpClient { BaseAddress = inbox.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", InboxServer.ApiToken);
        const int inboundRequests = 20;
        for (var i = 0; i < inboundRequests; i++)
        {
            await api.SendInboundAsync($"channel-debug-{i}", "Где заказ?", externalId: "channel-debug-customer");
        }

        // one refused operator request after them: its failure line comes after anything the inbound requests wrote
        using var foreign = new HttpClient { BaseAddress = inbox.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        foreign.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await foreign.GetAsync("/api/v1/conversations")).StatusCode);
        var output = await InboxApi.EventuallyAsync(() => Task.FromResult(inbox.Output), o => o.Contains("Unprotected token failed", StringComparison.Ordinal));
        inbox.Kill();

        var failures = output.Split('\n').Count(line => line.Contains("Unprotected token failed", StringComparison.Ordinal));
        Assert.True(failures > 0, $"The refused token's failure is not on the console:\n{output}");
        // the inbound requests would have written at least one line each
        Assert.True(failures < inboundRequests, $"{failures} failure lines for one refused request:\n{output}");
        DeleteFolder(folder);
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the system's temp cleanup
        }
    }
}
