using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Auth;

/// <summary>Decrypts a key that <see cref="ConfiguredKeyXmlEncryptor"/> encrypted; data protection creates it by type, with the services.</summary>
public sealed class ConfiguredKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var secret = services.GetService<IOptions<KeyRingOptions>>()?.Value.Key;
        if (string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException($"The key ring was encrypted with {KeyRingOptions.SectionName}:Key, which is not set now.");
        }

        return ConfiguredKeyXmlEncryptor.Decrypt(encryptedElement, secret);
    }
}
