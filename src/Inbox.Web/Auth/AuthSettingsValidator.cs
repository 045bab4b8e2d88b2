using Inbox.Web.OperatorApi;
using Inbox.Web.Validation;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Auth;

/// <summary>
/// Checks the sign-in settings at start, naming the key: lifetimes and throttling, the key ring's protection, demo accounts
/// on a public address, and the first admin's login and password.
/// </summary>
public sealed class AuthSettingsValidator(IConfiguration configuration)
    : IValidateOptions<AuthOptions>, IValidateOptions<DemoOptions>, IValidateOptions<KeyRingOptions>, IValidateOptions<BootstrapOptions>
{
    public static readonly TimeSpan MaxSessionCheckCache = TimeSpan.FromSeconds(5);

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = AuthOptions.SectionName;
        var errors = new List<string>();
        if (options.AccessTokenLifetime <= TimeSpan.Zero || options.SessionLifetime < options.AccessTokenLifetime)
        {
            errors.Add($"{section}:AccessTokenLifetime must be positive and at most {section}:SessionLifetime.");
        }

        if (options.SessionCheckCache < TimeSpan.Zero || options.SessionCheckCache > MaxSessionCheckCache)
        {
            errors.Add($"{section}:SessionCheckCache must be 0 to 5 seconds: a revoked session is refused within it.");
        }

        if (options.ConnectionCheckInterval <= TimeSpan.Zero || options.ConnectionCheckInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{section}:ConnectionCheckInterval must be positive and at most a minute.");
        }

        if (options.MaxFailuresPerLogin < 1 || options.MaxFailuresPerAddress < 1)
        {
            errors.Add($"{section}:MaxFailuresPerLogin and MaxFailuresPerAddress must be at least 1.");
        }

        if (options.FailureWindow <= TimeSpan.Zero || options.LockoutDuration <= TimeSpan.Zero)
        {
            errors.Add($"{section}:FailureWindow and LockoutDuration must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public ValidateOptionsResult Validate(string? name, DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled || options.AllowOnPublicAddress)
        {
            return ValidateOptionsResult.Success;
        }

        var exposed = ListeningAddresses.NonLoopback(configuration);
        return exposed.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Demo accounts with a known password would be reachable on {string.Join(", ", exposed)}: " +
                $"set {DemoOptions.SectionName}:Enabled=false (and create real operators), listen on localhost only, " +
                $"or confirm with {DemoOptions.SectionName}:AllowOnPublicAddress=true.");
    }

    public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = KeyRingOptions.SectionName;
        if (!string.IsNullOrEmpty(options.CertificatePath) && !string.IsNullOrEmpty(options.Key))
        {
            return ValidateOptionsResult.Fail($"Set {section}:CertificatePath or {section}:Key, not both.");
        }

        if (!string.IsNullOrEmpty(options.Key) && options.Key.Length < KeyRingOptions.MinKeyLength)
        {
            return ValidateOptionsResult.Fail($"{section}:Key must be at least {KeyRingOptions.MinKeyLength} characters.");
        }

        if (!string.IsNullOrEmpty(options.CertificatePath))
        {
            using var certificate = KeyRingProtection.LoadCertificate(options);
            if (certificate is not null)
            {
                return ValidateOptionsResult.Success;
            }

            return ValidateOptionsResult.Fail($"{section}:CertificatePath must name a readable PKCS#12 file with a private key " +
                $"(and {section}:CertificatePassword its password).");
        }

        return ValidateOptionsResult.Success;
    }

    public ValidateOptionsResult Validate(string? name, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsSet)
        {
            return ValidateOptionsResult.Success;
        }

        var section = BootstrapOptions.SectionName;
        var check = new InputCheck(configuration.GetSection(LimitsOptions.SectionName).Get<LimitsOptions>() ?? new LimitsOptions());
        check.Login($"{section}:AdminLogin", options.AdminLogin);
        if (!OperatorEndpoints.IsAcceptablePassword(options.AdminPassword))
        {
            check.Fail($"{section}:AdminPassword", $"{section}:AdminPassword must be {OperatorEndpoints.MinPasswordLength} to " +
                $"{OperatorEndpoints.MaxPasswordLength} characters when {section}:AdminLogin is set (the first admin's password).");
        }

        return check.Failed ? ValidateOptionsResult.Fail(check.Messages) : ValidateOptionsResult.Success;
    }
}
