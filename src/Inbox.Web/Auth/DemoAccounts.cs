using System.Security.Cryptography;
using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using Inbox.Silo.Storage.Sqlite;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Auth;

/// <summary>
/// On the embedded default, creates demo accounts on first run (admin, supervisor, operator, operator2) and prints
/// the logins at every start. The password is <c>Demo:Password</c> when set, otherwise made up once and kept in
/// <c>demo-logins.txt</c> beside the database, readable by its owner only.
/// </summary>
public sealed class DemoAccounts(IOperatorStore operators, IPasswordHasher<OperatorAccount> hasher, IOptions<DemoOptions> demo,
    IOptions<SqliteOptions> database, TimeProvider clock, ILogger<DemoAccounts> logger) : IHostedService
{
    private static readonly (string Login, string Name, OperatorRole Role, string? Extension)[] Accounts =
    [
        ("admin", "Demo Admin", OperatorRole.Admin, null),
        ("supervisor", "Demo Supervisor", OperatorRole.Supervisor, "100"),
        ("operator", "Demo Operator", OperatorRole.Operator, "101"),
        ("operator2", "Second Operator", OperatorRole.Operator, "102"),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!demo.Value.Enabled)
        {
            return;
        }

        var file = Path.Combine(database.Value.DataFolder, "demo-logins.txt");
        var password = demo.Value.Password;
        if (string.IsNullOrEmpty(password) && File.Exists(file))
        {
            password = (await File.ReadAllTextAsync(file, cancellationToken)).Trim();
        }

        var existing = await operators.ListAsync(cancellationToken);
        if (existing.Count == 0)
        {
            if (string.IsNullOrEmpty(password))
            {
                password = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 14);
                await File.WriteAllTextAsync(file, password, cancellationToken);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }

            foreach (var (login, name, role, extension) in Accounts)
            {
                var account = new OperatorAccount(Guid.NewGuid(), login, name, role, "", clock.GetUtcNow(), extension);
                await operators.TryAddAsync(account with { PasswordHash = hasher.HashPassword(account, password) }, cancellationToken);
            }
        }

        if (!string.IsNullOrEmpty(password))
        {
            logger.LogWarning("Demo logins: {Logins} with password {DemoPassword} (Demo:Password, or {File})",
                string.Join(", ", Accounts.Select(a => a.Login)), password, file);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
