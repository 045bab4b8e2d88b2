using System.Net;
using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Storage;
using Inbox.Web.Auth;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inbox.Web.Tests;

/// <summary>Issue 12, item 15: demo accounts go away when switched off, stay off public addresses, and their password is printed once.</summary>
public sealed class DemoAccountsTests
{
    [Fact]
    public async Task Switching_demo_off_deletes_the_demo_accounts_or_disables_those_with_history()
    {
        var folder = NewFolder();
        var database = new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = Path.Combine(folder, "inbox.db") };
        Guid customOperator;
        await using (var first = await InboxServer.StartAsync(database))
        {
            using var api = first.Client(InboxServer.ApiToken);
            var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "hi", phone: "+7 916 555-01-02");
            using var supervisor = await first.OperatorClientAsync("supervisor");
            Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsync($"/api/v1/conversations/{accepted.ConversationId}/assign", null)).StatusCode);
            customOperator = (await first.CreateOperatorAsync()).OperatorId;
        }

        await using var second = await InboxServer.StartAsync(new Dictionary<string, string?>(database) { ["Demo:Enabled"] = "false" });
        var operators = await second.Services.GetRequiredService<IOperatorStore>().ListAsync();
        Assert.DoesNotContain(operators, o => o.Login is "admin" or "operator" or "operator2");
        Assert.Contains(operators, o => o.Login == "supervisor" && o.Disabled); // assigned a conversation: kept for the history, disabled
        Assert.Contains(operators, o => o.OperatorId == customOperator && !o.Disabled);
        Assert.Equal(HttpStatusCode.Unauthorized, await second.LoginStatusAsync("supervisor", InboxServer.DemoPassword));
        Assert.Equal(HttpStatusCode.Unauthorized, await second.LoginStatusAsync("admin", InboxServer.DemoPassword));
    }

    [Fact]
    public async Task The_made_up_demo_password_is_printed_on_the_first_run_only()
    {
        var folder = NewFolder();
        var settings = new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = Path.Combine(folder, "inbox.db"), ["Demo:Password"] = "" };
        var firstRun = new CapturingLogger<DemoAccounts>();
        await using (await InboxServer.StartAsync(settings, b => b.Services.AddSingleton<ILogger<DemoAccounts>>(firstRun)))
        {
        }

        var password = (await File.ReadAllTextAsync(Path.Combine(folder, "demo-logins.txt"))).Trim();
        Assert.Contains(firstRun.Lines, l => l.Contains(password, StringComparison.Ordinal));

        var secondRun = new CapturingLogger<DemoAccounts>();
        await using var second = await InboxServer.StartAsync(settings, b => b.Services.AddSingleton<ILogger<DemoAccounts>>(secondRun));
        Assert.Contains(secondRun.Lines, l => l.Contains("demo-logins.txt", StringComparison.Ordinal));
        Assert.DoesNotContain(secondRun.Lines, l => l.Contains(password, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, await second.LoginStatusAsync("operator", password));
    }

    [Theory]
    [InlineData("urls", "http://0.0.0.0:5080", false)]
    [InlineData("urls", "http://*:5080", false)]
    [InlineData("urls", "http://inbox.example.com:80", false)]
    [InlineData("HTTP_PORTS", "8080", false)]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://[::]:5080", false)]
    [InlineData("urls", "http://localhost:5080;http://127.0.0.1:5081;http://[::1]:5082", true)]
    public void Demo_accounts_on_a_non_loopback_address_are_refused_unless_confirmed(string key, string value, bool loopback)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var validator = new AuthSettingsValidator(configuration);

        var result = validator.Validate(null, new DemoOptions { Enabled = true });
        Assert.Equal(loopback, result.Succeeded);
        if (!loopback)
        {
            Assert.Contains("Demo:AllowOnPublicAddress", result.FailureMessage, StringComparison.Ordinal);
        }

        Assert.True(validator.Validate(null, new DemoOptions { Enabled = true, AllowOnPublicAddress = true }).Succeeded);
        Assert.True(validator.Validate(null, new DemoOptions { Enabled = false }).Succeeded);
    }

    private static string NewFolder()
    {
        var folder = InboxProcess.NewDataFolder();
        return folder;
    }
}
