using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Inbox.Web.Auth;

/// <summary>
/// Encrypts the data-protection key ring at rest with the configured certificate or key (<see cref="KeyRingOptions"/>).
/// Whoever reads an unencrypted key ring can sign a cookie or token for anyone: <see cref="KeyRingWarning"/> says so at start.
/// </summary>
public static class KeyRingProtection
{
    public static IDataProtectionBuilder ProtectKeys(this IDataProtectionBuilder builder, KeyRingOptions options)
    {
        if (!string.IsNullOrEmpty(options.Key))
        {
            var key = options.Key;
            builder.Services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new ConfiguredKeyXmlEncryptor(key));
        }
        else if (!string.IsNullOrEmpty(options.CertificatePath) && LoadCertificate(options) is { } certificate)
        {
            // a certificate that does not load is reported by AuthSettingsValidator as the node starts
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        return builder;
    }

    /// <summary>The certificate with its private key; null when the file is missing, unreadable, or has no private key.</summary>
    public static X509Certificate2? LoadCertificate(KeyRingOptions options)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword);
            if (certificate.HasPrivateKey)
            {
                return certificate;
            }

            certificate.Dispose();
            return null;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
