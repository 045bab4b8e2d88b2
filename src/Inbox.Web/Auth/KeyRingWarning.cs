using Inbox.Silo.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Auth;

/// <summary>Warns once at start, loudly, when the data-protection key ring is stored unencrypted.</summary>
public sealed class KeyRingWarning(IOptions<KeyRingOptions> options, ILogger<KeyRingWarning> logger) : IHostedService
{
    public const string Message =
        "THE DATA-PROTECTION KEY RING IS NOT ENCRYPTED ({KeysPath}): anyone who can read it can sign a login for any operator. " +
        "Set DataProtection:CertificatePath (and CertificatePassword) or DataProtection:Key; fine for a local demo only.";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsProtected)
        {
            logger.LogWarning(Message, options.Value.KeysPath ?? PostgresKeyRing.Location);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
