using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using Inbox.Web.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Auth;

/// <summary>
/// Creates the first admin of a server from <c>Bootstrap:AdminLogin</c> and <c>Bootstrap:AdminPassword</c> when the store
/// has no admin other than a demo one; otherwise does nothing. Nodes that start at once on one store race on the login's
/// unique index: one adds the account, the others find it taken by an admin and are content.
/// </summary>
public sealed class BootstrapAdmin(IOperatorStore operators, IPasswordHasher<OperatorAccount> hasher, IOptions<BootstrapOptions> bootstrap,
    IOptions<LimitsOptions> limits, TimeProvider clock, ILogger<BootstrapAdmin> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = bootstrap.Value;
        if (!options.IsSet)
        {
            return;
        }

        if ((await operators.ListAsync(cancellationToken)).Any(IsRealAdmin))
        {
            return;
        }

        // The settings were checked at start (AuthSettingsValidator); the same check gives the login as stored.
        var login = new InputCheck(limits.Value).Login($"{BootstrapOptions.SectionName}:AdminLogin", options.AdminLogin)!;
        var account = new OperatorAccount(Guid.NewGuid(), login, login, OperatorRole.Admin, "", clock.GetUtcNow());
        if (await operators.TryAddAsync(account with { PasswordHash = hasher.HashPassword(account, options.AdminPassword!) }, cancellationToken))
        {
            logger.LogInformation("Created the first admin {Login} from Bootstrap:AdminLogin; later starts leave it and its password alone", login);
            return;
        }

        if (await operators.FindByLoginAsync(login, cancellationToken) is { } holder && IsRealAdmin(holder))
        {
            return; // another node created the same admin a moment ago
        }

        logger.LogWarning("Bootstrap:AdminLogin {Login} is taken by an account that is not an admin, or a demo one: no admin was created; choose another login",
            login);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool IsRealAdmin(OperatorAccount account) => account is { Role: OperatorRole.Admin, Demo: false };
}
