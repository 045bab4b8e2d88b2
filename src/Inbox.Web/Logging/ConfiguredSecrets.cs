using System.Text.RegularExpressions;

namespace Inbox.Web.Logging;

/// <summary>
/// The secrets this node is configured with: the value of every setting whose name ends in <c>Token</c>, <c>Secret</c>,
/// <c>Password</c>, <c>Key</c> or <c>Salt</c> (<c>Channels:Telegram:BotToken</c>, <c>Channels:Vk:AccessToken</c>,
/// <c>Channels:Twilio:AuthToken</c>, <c>Channels:Api:CallbackSecret</c>, <c>Orders:RetailCrm:ApiKey</c>, …). Whatever is
/// logged, each of them is replaced by <c>***</c> wherever it appears, so that a secret reaches no log even through a URL,
/// a path (<c>/webhooks/cti/&lt;token&gt;</c>) or an exception message.
/// </summary>
public sealed partial class ConfiguredSecrets
{
    /// <summary>Shorter values are not treated as secrets: masking them would garble the logs and protect nothing.</summary>
    public const int MinimumLength = 4;

    private readonly string[] _values;

    public ConfiguredSecrets(IEnumerable<string?> values) =>
        // longest first, so that a secret containing another is replaced whole
        _values = values.Where(v => v is not null).Select(v => v!.Trim()).Where(v => v.Length >= MinimumLength)
            .Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length).ToArray();

    public static ConfiguredSecrets None { get; } = new([]);

    public IReadOnlyList<string> Values => _values;

    /// <summary>The values of the settings named like secrets (see the class summary).</summary>
    public static ConfiguredSecrets From(IConfiguration configuration) =>
        new(configuration.AsEnumerable().Where(kv => IsSecretKey(kv.Key)).Select(kv => kv.Value));

    public static bool IsSecretKey(string key)
    {
        var name = key[(key.LastIndexOf(':') + 1)..];
        return SecretName().IsMatch(name);
    }

    /// <summary>Replaces every configured secret in <paramref name="value"/>, then the secrets of any URL in it.</summary>
    public string Redact(string value)
    {
        foreach (var secret in _values)
        {
            if (value.Contains(secret, StringComparison.Ordinal))
            {
                value = value.Replace(secret, SensitiveDataMasker.Redacted, StringComparison.Ordinal);
            }
        }

        return SensitiveDataMasker.RedactUrlSecrets(value);
    }

    [GeneratedRegex("(token|secret|password|key|salt)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
