using System.Net;
using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using Inbox.Testing.Postgres;
using Inbox.Web.Auth;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Tests;

/// <summary>Issue 13: a server's first admin comes from <c>Bootstrap:AdminLogin</c> and <c>Bootstrap:AdminPassword</c>, once, without demo accounts.</summary>
public sealed class BootstrapAdminTests
{
    private const string Login = "chief";
    private const string Password = "first-admin-password";

    [Fact]
    public async Task The_first_admin_is_created_once_logs_in_and_a_later_start_keeps_its_password()
    {
        var folder = InboxProcess.NewDataFolder();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = Path.Combine(folder, "inbox.db"),
            ["Bootstrap:AdminLogin"] = Login,
            ["Bootstrap:AdminPassword"] = Password,
        };

        // Demo accounts on (the demo admin is no real admin): the first admin is created beside them.
        var firstRun = new CapturingLogger<BootstrapAdmin>();
        await using (var first = await InboxServer.StartAsync(settings, b => b.Services.AddSingleton<ILogger<BootstrapAdmin>>(firstRun)))
        {
            var line = Assert.Single(firstRun.Lines);
            Assert.Contains(Login, line, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, line, StringComparison.Ordinal);
            using var admin = first.Client(await first.TokenAsync(Login, Password));
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/operators")).StatusCode);
        }

        // The demo accounts retired, another password in the settings: the admin and its password stay as they are.
        var secondRun = new CapturingLogger<BootstrapAdmin>();
        settings["Demo:Enabled"] = "false";
        settings["Bootstrap:AdminPassword"] = "another-password-2";
        await using var second = await InboxServer.StartAsync(settings, b => b.Services.AddSingleton<ILogger<BootstrapAdmin>>(secondRun));
        Assert.Empty(secondRun.Lines);
        var admins = (await second.Services.GetRequiredService<IOperatorStore>().ListAsync()).Where(o => o.Role == OperatorRole.Admin).ToList();
        Assert.Equal(Login, Assert.Single(admins).Login);
        Assert.Equal(HttpStatusCode.OK, await second.LoginStatusAsync(Login, Password));
        Assert.Equal(HttpStatusCode.Unauthorized, await second.LoginStatusAsync(Login, "another-password-2"));
    }

    [Theory]
    [InlineData(Login, "too-short", "Bootstrap:AdminPassword")]
    [InlineData(Login, null, "Bootstrap:AdminPassword")]
    [InlineData(null, Password, "Bootstrap:AdminLogin")]
    public async Task A_login_without_a_valid_password_stops_the_start_naming_the_key(string? login, string? password, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => InboxServer.StartAsync(new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "false",
            ["Bootstrap:AdminLogin"] = login,
            ["Bootstrap:AdminPassword"] = password,
        }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_nodes_starting_at_once_on_one_PostgreSQL_database_make_one_admin()
    {
        await using var postgres = await TemporaryPostgres.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = await postgres.CreateDatabaseAsync(),
            ["Demo:Enabled"] = "false",
            ["Bootstrap:AdminLogin"] = Login,
            ["Bootstrap:AdminPassword"] = Password,
        };
        var log = new CapturingLogger<BootstrapAdmin>();

        var nodes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            InboxServer.StartAsync(settings, b => b.Services.AddSingleton<ILogger<BootstrapAdmin>>(log))));
        try
        {
            Assert.Single(log.Lines);
            var operators = await nodes[0].Services.GetRequiredService<IOperatorStore>().ListAsync();
            Assert.Equal(Login, Assert.Single(operators).Login);
            foreach (var node in nodes)
            {
                Assert.Equal(HttpStatusCode.OK, await node.LoginStatusAsync(Login, Password));
            }
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }
}
