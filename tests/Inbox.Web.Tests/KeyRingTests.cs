using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Inbox.Web.Auth;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Inbox.Web.Tests;

/// <summary>Issue 12, item 13: the data-protection key ring is encrypted at rest with a configured key or certificate.</summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task A_configured_key_encrypts_the_key_ring_and_a_restart_still_reads_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), "inbox-web-tests", Guid.NewGuid().ToString("N"));
        var keys = Path.Combine(folder, "keys");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = Path.Combine(folder, "inbox.db"),
            ["DataProtection:KeysPath"] = keys,
            ["DataProtection:Key"] = "a-configured-key-ring-secret-of-40-chars!",
        };
        string token;
        await using (var first = await InboxServer.StartAsync(settings))
        {
            token = await first.TokenAsync("operator");
        }

        var stored = string.Concat(Directory.GetFiles(keys, "*.xml").Select(File.ReadAllText));
        Assert.Contains(nameof(ConfiguredKeyXmlDecryptor), stored, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", stored, StringComparison.Ordinal);

        await using var second = await InboxServer.StartAsync(settings);
        using var api = second.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_configured_certificate_encrypts_the_key_ring()
    {
        var folder = InboxProcess.NewDataFolder();
        var keys = Path.Combine(folder, "keys");
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=inbox key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var pfx = Path.Combine(folder, "keyring.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));

        await using var server = await InboxServer.StartAsync(new Dictionary<string, string?>
        {
            ["DataProtection:KeysPath"] = keys,
            ["DataProtection:CertificatePath"] = pfx,
            ["DataProtection:CertificatePassword"] = "pfx-password",
        });
        using var api = server.Client(await server.TokenAsync("operator"));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/auth/me")).StatusCode);

        var stored = string.Concat(Directory.GetFiles(keys, "*.xml").Select(File.ReadAllText));
        Assert.Contains("EncryptedData", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", stored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DataProtection:Key", "too-short", "DataProtection:Key")]
    [InlineData("DataProtection:CertificatePath", "/no/such/file.pfx", "DataProtection:CertificatePath")]
    public void A_wrong_key_ring_setting_is_refused_naming_the_key(string key, string value, string named)
    {
        var options = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build()
            .GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>()!;
        var result = new AuthSettingsValidator(new ConfigurationBuilder().Build()).Validate(null, options);
        Assert.False(result.Succeeded);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }
}
