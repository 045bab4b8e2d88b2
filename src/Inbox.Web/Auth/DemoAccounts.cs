using System.Security.Cryptography;
using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using Inbox.Silo.Storage.Sqlite;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Auth;

/// <summary>
/// On the embedded default, creates demo accounts on first run (admin, supervisor, operator, operator2). The password is
/// <c>Demo:Password</c> when set, otherwise made up once and kept in <c>demo-logins.txt</c> beside the database, readable by
/// its owner only; it is printed on that first run only (later starts name the file). With <c>Demo:Enabled=false</c> the
/// demo accounts are deleted at start, or disabled when they have history (messages written, conversations assigned),
/// and the password file is deleted.
/// </summary>
public sealed class DemoAccounts(IOperatorStore operators, IPasswordHasher<OperatorAccount> hasher, OperatorSessions sessions, IOptions<DemoOptions> demo,
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
        var file = Path.Combine(database.Value.DataFolder, "demo-logins.txt");
        var password = demo.Value.Password;
        if (string.IsNullOrEmpty(password) && File.Exists(file))
        {
            password = (await File.ReadAllTextAsync(file, cancellationToken)).Trim();
        }

        var existing = await operators.ListAsync(cancellationToken);
        var demoAccounts = await MarkedAsync(existing, password, cancellationToken);
        if (!demo.Value.Enabled)
        {
            await RetireAsync(demoAccounts, cancellationToken);
            File.Delete(file);
            return;
        }

        if (existing.Count > 0)
        {
            if (demoAccounts.Any(a => !a.Disabled))
            {
                logger.LogWarning("Demo logins: {Logins}; the password is in {File} (or Demo:Password). Demo:Enabled=false removes them",
                    string.Join(", ", demoAccounts.Where(a => !a.Disabled).Select(a => a.Login)), file);
            }

            return;
        }

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
            var account = new OperatorAccount(Guid.NewGuid(), login, name, role, "", clock.GetUtcNow(), extension, Demo: true);
            await operators.TryAddAsync(account with { PasswordHash = hasher.HashPassword(account, password) }, cancellationToken);
        }

        logger.LogWarning("Demo logins: {Logins} with password {DemoPassword} (shown on this first run only; kept in {File}, or Demo:Password)",
            string.Join(", ", Accounts.Select(a => a.Login)), password, file);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The demo accounts among <paramref name="existing"/>: those marked so, and (from databases made before the mark) those with
    /// a demo login whose password is the demo password, which are marked now.
    /// </summary>
    private async Task<List<OperatorAccount>> MarkedAsync(IReadOnlyList<OperatorAccount> existing, string? password, CancellationToken cancellationToken)
    {
        var found = new List<OperatorAccount>();
        foreach (var account in existing)
        {
            if (account.Demo)
            {
                found.Add(account);
            }
            else if (!string.IsNullOrEmpty(password) && Accounts.Any(a => string.Equals(a.Login, account.Login, StringComparison.OrdinalIgnoreCase))
                && hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed)
            {
                await operators.MarkDemoAsync(account.OperatorId, cancellationToken);
                found.Add(account with { Demo = true });
            }
        }

        return found;
    }

    private async Task RetireAsync(IReadOnlyList<OperatorAccount> demoAccounts, CancellationToken cancellationToken)
    {
        var deleted = new List<string>();
        var disabled = new List<string>();
        foreach (var account in demoAccounts)
        {
            if (await operators.HasHistoryAsync(account.OperatorId, cancellationToken))
            {
                if (!account.Disabled)
                {
                    await operators.SetDisabledAsync(account.OperatorId, true, cancellationToken);
                    disabled.Add(account.Login);
                }
            }
            else if (await operators.DeleteAsync(account.OperatorId, cancellationToken))
            {
                deleted.Add(account.Login);
            }

            await sessions.EndAllAsync(account.OperatorId, cancellationToken);
        }

        if (deleted.Count + disabled.Count > 0)
        {
            logger.LogInformation("Demo:Enabled is false: demo accounts deleted: {Deleted}; disabled, as they have history: {Disabled}",
                deleted.Count == 0 ? "none" : string.Join(", ", deleted), disabled.Count == 0 ? "none" : string.Join(", ", disabled));
        }
    }
}
